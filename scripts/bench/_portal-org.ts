// Writes a generated org as repos of catalog-info.yaml (APIs' definitions in their own files, referenced with
// `$text`), plus a backlot.config.yaml that builds it into dist/.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { generateOrg, orgRepoFiles, type OrgOptions } from '../../src/site/testing/org.ts';

export interface WrittenOrg {
  config: string;
  dist: string;
  repos: number;
  entities: number;
  apis: number;
}

export function writeOrg(dir: string, options: OrgOptions): WrittenOrg {
  const org = generateOrg(options);
  const repos = orgRepoFiles(org);
  for (const [repo, files] of repos) {
    for (const [path, text] of Object.entries(files)) {
      const file = join(dir, 'org', repo, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
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
    repos: repos.size,
    entities: org.entities.length,
    apis: org.entities.filter((e) => e.definition).length,
  };
}
