import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTemplatePath, loadTemplateFile, templateRef } from './load.ts';
import { templateYaml } from './testing/template.ts';

describe('loading a template.yaml', () => {
  it('uses the enclosing git checkout as the repo, so fetch urls may reach sibling folders', async () => {
    const root = mkdtempSync(join(tmpdir(), 'backlot-load-'));
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'templates/a'), { recursive: true });
    writeFileSync(join(root, 'templates/a/template.yaml'), templateYaml('steps:\n  - action: debug:log', 'a'));
    const t = await loadTemplateFile(join(root, 'templates/a/template.yaml'));
    expect(t.ref).toBe('template:default/a');
    expect(t.file).toBe('templates/a/template.yaml');
    expect(t.repo.name).toBe(root.split('/').pop());
  });

  it('refuses files that are not one valid Template', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlot-load-'));
    writeFileSync(join(dir, 'two.yaml'), `${templateYaml('steps: []', 'a')}---\n${templateYaml('steps: []', 'b')}`);
    await expect(loadTemplateFile(join(dir, 'two.yaml'))).rejects.toThrow(/exactly one Template entity, found 2/);
    writeFileSync(join(dir, 'bad.yaml'), templateYaml('steps: []', 'Not Valid!'));
    await expect(loadTemplateFile(join(dir, 'bad.yaml'))).rejects.toThrow(/is not a valid template/);
    await expect(loadTemplateFile(join(dir, 'missing.yaml'))).rejects.toThrow(/cannot read missing.yaml|ENOENT/);
  });

  it('tells refs from paths', () => {
    expect(isTemplatePath('./x/template.yaml')).toBe(true);
    expect(isTemplatePath('template:default/x')).toBe(false);
    expect(templateRef('Node-Service')).toBe('template:default/node-service');
    expect(templateRef('template:team/x')).toBe('template:team/x');
  });
});
