// Backstage's page-level `when: ${{ … }}` and a page that is a bare oneOf, in the values check a run makes.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTemplate } from './runner.ts';
import { memoryTemplate, templateYaml } from './testing/template.ts';

const PAGES = `parameters:
  - title: Provider
    required: [name, cloud]
    properties:
      name: { type: string }
      cloud: { type: string, enum: [AWS, GCP] }
  - title: AWS
    when: \${{ parameters.cloud === 'AWS' }}
    required: [awsRegion]
    properties:
      awsRegion: { type: string, enum: [us-east-1] }
  - title: GCP
    when: \${{ parameters.cloud === 'GCP' }}
    required: [gcpProject]
    properties:
      gcpProject: { type: string }
      gcpRegion: { type: string, default: us-central1 }
  - title: Monitoring
    when: \${{ parameters.monitoring }}
    properties:
      threshold: { type: integer, default: 90 }
  - title: Options
    properties:
      monitoring: { type: boolean, default: false }
  - title: Database
    oneOf:
      - { title: Postgres, required: [pgVersion], properties: { pgVersion: { type: string, enum: ['16', '17'] } } }
      - { title: None, required: [noDatabase], properties: { noDatabase: { const: true } } }
steps:
  - { id: log, action: debug:log, input: { message: x } }
output:
  text:
    - { content: '\${{ parameters | dump }}' }`;

const run = (values: Record<string, unknown>) =>
  runTemplate({ template: memoryTemplate({ 'templates/service/template.yaml': templateYaml(PAGES) }), values, workspace: mkdtempSync(join(tmpdir(), 'backlot-when-')), dryRun: true, log: () => {} });

describe('conditional parameter pages in the values check', () => {
  it("checks only the pages whose when holds, and fills only their defaults", async () => {
    const result = await run({ name: 'svc', cloud: 'GCP', gcpProject: 'p1', pgVersion: '17' });
    expect(JSON.parse(result.output.text[0]!.content!)).toEqual({ name: 'svc', cloud: 'GCP', gcpProject: 'p1', gcpRegion: 'us-central1', monitoring: false, pgVersion: '17' });
    await expect(run({ name: 'svc', cloud: 'GCP', pgVersion: '17' })).rejects.toThrow(/gcpProject is required/);
    await expect(run({ name: 'svc', cloud: 'GCP', pgVersion: '17' })).rejects.not.toThrow(/awsRegion/);
    await expect(run({ name: 'svc', cloud: 'AWS', pgVersion: '17' })).rejects.toThrow(/awsRegion is required/);
  });

  it('evaluates when against the values with defaults filled from earlier pages', async () => {
    const off = await run({ name: 'svc', cloud: 'AWS', awsRegion: 'us-east-1', pgVersion: '16' });
    expect(JSON.parse(off.output.text[0]!.content!)).not.toHaveProperty('threshold');
    const on = await run({ name: 'svc', cloud: 'AWS', awsRegion: 'us-east-1', monitoring: true, noDatabase: true });
    expect(JSON.parse(on.output.text[0]!.content!)).toMatchObject({ monitoring: true, threshold: 90, noDatabase: true });
  });

  it('holds a page that is a bare oneOf to one of its alternatives', async () => {
    await expect(run({ name: 'svc', cloud: 'AWS', awsRegion: 'us-east-1' })).rejects.toThrow(/the values do not match the parameters/);
    await expect(run({ name: 'svc', cloud: 'AWS', awsRegion: 'us-east-1', pgVersion: '15' })).rejects.toThrow(/pgVersion must be equal to one of the allowed values/);
  });
});
