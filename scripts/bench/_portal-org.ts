// Writes a generated org as repos of catalog-info.yaml (APIs' definitions in their own files, referenced with
// `$text`), plus a backlot.config.yaml that builds it into dist/.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { generateOrg, type OrgOptions } from '../../src/site/testing/org.ts';

export interface WrittenOrg {
  config: string;
  dist: string;
  repos: number;
  entities: number;
  apis: number;
}

export function writeOrg(dir: string, options: OrgOptions): WrittenOrg {
  const org = generateOrg(options);
  const byRepo = new Map<string, string[]>();
  for (const { repo, entity, definition } of org.entities) {
    let doc = entity;
    if (definition) {
      const path = join(dir, 'org', repo, definition.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, definition.text);
      doc = { ...entity, spec: { ...entity.spec, definition: { $text: `./${definition.path}` } } };
    }
    const docs = byRepo.get(repo) ?? [];
    docs.push(stringify(doc, { lineWidth: 0 }));
    byRepo.set(repo, docs);
  }
  for (const [repo, docs] of byRepo) {
    mkdirSync(join(dir, 'org', repo), { recursive: true });
    writeFileSync(join(dir, 'org', repo, 'catalog-info.yaml'), docs.join('---\n'));
  }
  const config = join(dir, 'backlot.config.yaml');
  writeFileSync(
    config,
    stringify({
      site: { title: 'Benchmark Org', description: `${org.entities.length} generated entities.`, base: '/', outDir: 'dist' },
      sources: [{ type: 'local', path: 'org', org: 'bench-org', host: 'github.com', defaultBranch: 'main', catalogPath: '/catalog-info.yaml' }],
    }),
  );
  return {
    config,
    dist: join(dir, 'dist'),
    repos: byRepo.size,
    entities: org.entities.length,
    apis: org.entities.filter((e) => e.definition).length,
  };
}
