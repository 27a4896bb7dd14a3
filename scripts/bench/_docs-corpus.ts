// A generated TechDocs corpus: `sites` repos, each with mkdocs.yml, a nested nav and `pages` Markdown
// pages of about 4 KB using the extensions techdocs-core sites use. Deterministic, so runs compare.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CorpusOptions {
  sites: number;
  pagesPerSite: number;
  /** Write a mkdocs.yml mkdocs itself can build (Debian's mkdocs + mkdocs-material, no techdocs-core). */
  mkdocsExtensions: string[];
}

const WORDS =
  'service queue latency deploy cluster shipment route depot schema cache token retry budget alert owner replica partition consumer producer outbox index'.split(' ');

function words(seed: number, count: number): string {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(WORDS[x % WORDS.length]!);
  }
  return out.join(' ');
}

function page(site: number, n: number, total: number): string {
  const s = site * 1000 + n;
  const next = `page-${String((n + 1) % total).padStart(2, '0')}.md`;
  const parts = [
    `# Page ${n} of site ${site}`,
    '',
    `${words(s, 60)}. See [the next page](${n + 1 < total ? `../section-${Math.floor((n + 1) / 10)}/${next}` : '../index.md'}) and [setup](#setup).`,
    '',
    '## Setup',
    '',
    `!!! note "Before you start"`,
    `    ${words(s + 1, 30)} with **bold** and \`code\`.`,
    '',
    '```ts hl_lines="2"',
    `export async function handle${n}(input: Request): Promise<Response> {`,
    `  const started = performance.now();`,
    `  const body = await input.json() as { id: string; retries?: number };`,
    `  if (!body.id) throw new Error('id is required');`,
    `  return new Response(JSON.stringify({ ok: true, ms: performance.now() - started }));`,
    '}',
    '```',
    '',
    '## Configuration',
    '',
    '| Key | Default | Meaning |',
    '|---|---|---|',
    ...Array.from({ length: 6 }, (_, i) => `| \`key_${i}\` | ${i * 10} | ${words(s + i, 8)} |`),
    '',
    '=== "YAML"',
    '',
    '    ```yaml',
    '    service:',
    `      name: svc-${site}`,
    '      replicas: 3',
    '      retry: { attempts: 5, backoff: 200ms }',
    '    ```',
    '',
    '=== "Shell"',
    '',
    '    ```bash',
    `    kubectl -n team-${site} rollout restart deploy/svc-${site}`,
    '    kubectl get pods -l app=svc --watch',
    '    ```',
    '',
    '## Operations',
    '',
    ...Array.from({ length: 5 }, (_, i) => `- [${i % 2 ? 'x' : ' '}] ${words(s + 20 + i, 12)}`),
    '',
    `??? tip "Why ${words(s + 3, 2)}?"`,
    `    ${words(s + 4, 40)}.`,
    '',
    `${words(s + 5, 80)}[^1].`,
    '',
    `Latency is ==${words(s + 6, 3)}== and SLO is 99.9 %.`,
    '',
    '[^1]: A footnote about the numbers.',
    '',
    '*[SLO]: Service Level Objective',
  ];
  if (n % 10 === 0) parts.splice(4, 0, '```mermaid', 'flowchart LR', '  A[client] --> B[api] --> C[(db)]', '```', '');
  return parts.join('\n');
}

/** Writes the corpus under `dir` (one folder per repo) and returns the repo folders. */
export function writeCorpus(dir: string, options: CorpusOptions): Array<{ name: string; dir: string }> {
  const repos: Array<{ name: string; dir: string }> = [];
  for (let site = 0; site < options.sites; site++) {
    const name = `svc-${String(site).padStart(3, '0')}`;
    const root = join(dir, name);
    const sections = Math.ceil((options.pagesPerSite - 1) / 10);
    const nav = ['nav:', '  - Home: index.md'];
    mkdirSync(join(root, 'docs'), { recursive: true });
    writeFileSync(join(root, 'docs/index.md'), `# ${name}\n\n${words(site, 120)}\n\nStart with [page 0](section-0/page-00.md).\n`);
    for (let sec = 0; sec < sections; sec++) {
      nav.push(`  - Section ${sec}:`);
      mkdirSync(join(root, `docs/section-${sec}`), { recursive: true });
      for (let n = sec * 10; n < Math.min((sec + 1) * 10, options.pagesPerSite - 1); n++) {
        const file = `section-${sec}/page-${String(n).padStart(2, '0')}.md`;
        writeFileSync(join(root, 'docs', file), page(site, n, options.pagesPerSite - 1));
        nav.push(`      - Page ${n}: ${file}`);
      }
    }
    const config = [
      `site_name: ${name}`,
      'theme:',
      '  name: material',
      'markdown_extensions:',
      ...options.mkdocsExtensions.map((e) => `  - ${e}`),
      ...nav,
    ];
    writeFileSync(join(root, 'mkdocs.yml'), `${config.join('\n')}\n`);
    writeFileSync(join(root, 'catalog-info.yaml'), `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`);
    repos.push({ name, dir: root });
  }
  return repos;
}
