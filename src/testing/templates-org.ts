// The demo org's templates and people alone (content/repos/software-templates and org), with a config beside
// them, for tests that run `backlot scaffold` as a process. The whole demo org also renders five repos' docs
// on every run: 1.9 s of CPU a scaffold run against 0.65 s with these two repos on the 2-core machine.

import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEMO_REPOS = join(import.meta.dirname, '../../content/repos');
export const TEMPLATES_ORG_REPOS = ['software-templates', 'org'];

export interface TemplatesOrg {
  /** The folder with `backlot.config.yaml`: run the CLI here to use it by default. */
  dir: string;
  /** The repos' folder (the config's local source). */
  repos: string;
  config: string;
}

/** A fresh copy, with the demo's org name and portal repo. */
export function templatesOrg(): TemplatesOrg {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-templates-org-'));
  const repos = join(dir, 'repos');
  for (const repo of TEMPLATES_ORG_REPOS) cpSync(join(DEMO_REPOS, repo), join(repos, repo), { recursive: true });
  const config = join(dir, 'backlot.config.yaml');
  writeFileSync(config, 'site:\n  repo: kestrel-freight/portal\nsources:\n  - type: local\n    path: repos\n    org: kestrel-freight\n');
  return { dir, repos, config };
}
