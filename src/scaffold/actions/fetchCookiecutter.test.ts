// fetch:cookiecutter renders a cookiecutter skeleton in the sandbox: nothing is executed, no hook runs.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTemplate } from '../runner.ts';
import { memoryTemplate, templateYaml } from '../testing/template.ts';
import { listFiles } from '../workspace.ts';

async function run(input: string, skeleton: Record<string, string>, log: string[] = []) {
  const files: Record<string, string> = { 'templates/docs/template.yaml': templateYaml(`steps:\n  - id: fetch\n    action: fetch:cookiecutter\n    input: ${input}`) };
  for (const [path, text] of Object.entries(skeleton)) files[`templates/docs/skeleton/${path}`] = text;
  const workspace = mkdtempSync(join(tmpdir(), 'backlot-cc-'));
  await runTemplate({ template: memoryTemplate(files, 'templates/docs/template.yaml'), values: {}, workspace, dryRun: true, log: (l) => log.push(l) });
  const out: Record<string, string> = {};
  for (const f of await listFiles(workspace)) out[f.path] = readFileSync(f.abs, 'utf8');
  return out;
}

describe('fetch:cookiecutter', () => {
  it("renders {{ cookiecutter.x }} with the values over cookiecutter.json's defaults, a list's first item being the default", async () => {
    const out = await run(`{ url: ./skeleton, targetPath: site, values: { name: guide, destination: { owner: acme, repo: guide } } }`, {
      'cookiecutter.json': '{"name": "x", "license": ["MIT", "Apache-2.0"], "slug": "{{ cookiecutter.name }}-docs", "_copy_without_render": []}',
      'catalog-info.yaml': 'name: {{cookiecutter.name | jsonify}}\nslug: {{ cookiecutter.project_slug if cookiecutter.project_slug else cookiecutter.slug }}\nrepo: {{cookiecutter.destination.owner + "/" + cookiecutter.destination.repo}}\nlicense: {{ cookiecutter.license }}\n',
      '{{cookiecutter.slug}}.md': '# {{ cookiecutter.name }}',
      'hooks/post_gen_project.sh': '#!/bin/sh\ntouch /tmp/backlot-cookiecutter-hook-ran\n',
    });
    expect(out['site/catalog-info.yaml']).toBe('name: "guide"\nslug: guide-docs\nrepo: acme/guide\nlicense: MIT\n');
    expect(out['site/guide-docs.md']).toBe('# guide');
    // A hook is a file like any other: copied, never run.
    expect(out['site/hooks/post_gen_project.sh']).toContain('touch /tmp/backlot-cookiecutter-hook-ran');
  });

  it('copies copyWithoutRender matches as they are, and says that extensions are not run', async () => {
    const log: string[] = [];
    const out = await run(`{ url: ./skeleton, values: { name: guide }, copyWithoutRender: ['*.html'], extensions: [jinja2_time.TimeExtension] }`, { 'a.html': '{{ cookiecutter.name }}', 'b.md': '{{ cookiecutter.name }}' }, log);
    expect(out).toEqual({ 'a.html': '{{ cookiecutter.name }}', 'b.md': 'guide' });
    expect(log.join('\n')).toMatch(/warning: "extensions" is ignored/);
  });
});
