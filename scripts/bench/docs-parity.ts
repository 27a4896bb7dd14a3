// `npm run bench -- docs-parity`: builds real public MkDocs sites with Backlot's docs stage and with
// MkDocs, and prints per site the share of pages whose structure is equal (a normalised outline of
// headings, admonitions, details, tab sets, definition lists and code blocks) and the count of raw
// extension syntax left in the text of each.
//
// Sites come from local checkouts, never committed: BENCH_PARITY_SITES="name=/path/to/checkout:config.yml,…";
// or BENCH_PARITY_GIT=<folder> holding a git directory per repo named `<owner>+<name>` (bare, or with the git
// directory in `<owner>+<name>/repo`); or, by default, shallow clones from github.com. Either way they are
// exported to /tmp/docs-parity (or BENCH_PARITY_WORK). MkDocs is Debian's
// (apt-get install -y mkdocs mkdocs-material python3-pymdownx); its config is the site's own with
// plugins reduced to search, the extensions Debian's packages lack removed and Material's emoji functions swapped
// for pymdownx's own (Debian's mkdocs-material has no Python module), so MkDocs can build it.
// Nothing from a site is executed by Backlot; MkDocs runs only the Python packages installed here.

import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { buildDocs } from '../../src/docs/index.ts';
import type { CatalogEntity } from '../../src/model/catalog.ts';
import { openLocalRepos } from '../../src/sources/local.ts';

interface Site {
  name: string;
  dir: string;
  /** Config file, relative to dir. */
  config: string;
}

// BENCH_PARITY_WORK: another work folder, so two runs (e.g. two branches) do not share one.
const WORK = process.env.BENCH_PARITY_WORK ?? '/tmp/docs-parity';
const MIRRORS: Array<[string, string, string]> = [
  ['mkdocs-material', 'squidfunk+mkdocs-material', 'mkdocs.yml'],
  ['pymdown-extensions', 'facelessuser+pymdown-extensions', 'zensical.yml'],
  ['mkdocs', 'mkdocs+mkdocs', 'mkdocs.yml'],
  ['techdocs-core', 'backstage+mkdocs-techdocs-core', 'test-fixtures/mkdocs.yml'],
  ['typer', 'fastapi+typer', 'mkdocs.yml'],
  ['httpx', 'encode+httpx', 'mkdocs.yml'],
  ['pydantic', 'pydantic+pydantic', 'mkdocs.yml'],
  ['fastapi', 'fastapi+fastapi', 'docs/en/mkdocs.yml'],
];

function sites(): Site[] {
  if (process.env.BENCH_PARITY_SITES) {
    return process.env.BENCH_PARITY_SITES.split(',').map((spec) => {
      const [name, rest] = spec.split('=') as [string, string];
      const [dir, config] = rest.split(':') as [string, string | undefined];
      return { name, dir, config: config ?? 'mkdocs.yml' };
    });
  }
  const out: Site[] = [];
  const gitRoot = process.env.BENCH_PARITY_GIT;
  const only = process.env.BENCH_PARITY_ONLY?.split(',');
  for (const [name, repo, config] of MIRRORS) {
    if (only && !only.includes(name)) continue;
    const dir = join(WORK, 'src', name);
    if (!existsSync(dir)) {
      if (gitRoot) {
        const git = [join(gitRoot, repo, 'repo'), join(gitRoot, repo)].find(existsSync);
        if (!git) continue;
        mkdirSync(dir, { recursive: true });
        execSync(`git --git-dir=${JSON.stringify(git)} archive HEAD | tar -x -C ${JSON.stringify(dir)}`);
      } else {
        const clone = spawnSync('git', ['clone', '--quiet', '--depth', '1', `https://github.com/${repo.replace('+', '/')}`, dir], { stdio: 'inherit' });
        if (clone.status !== 0) continue;
      }
    }
    out.push({ name, dir, config });
  }
  return out;
}

/** The outline compared between the two: one token per structural element, in document order. */
export function outline(html: string): string[] {
  const body = html
    // MkDocs' line-number column is a second <pre> per code block.
    .replace(/<td class="linenos">[^]*?<\/td>/g, '')
    .replace(/<a class="headerlink"[^>]*>[^<]*<\/a>/g, '');
  const tokens: string[] = [];
  const pattern = /<h([1-6])\b|<div class="admonition\b|<details\b|<div class="tabbed-set\b|<dl\b|<pre\b/g;
  for (const m of body.matchAll(pattern)) {
    if (m[1]) tokens.push(`h${m[1]}`);
    else if (m[0].startsWith('<div class="admonition')) tokens.push('admonition');
    else if (m[0] === '<details') tokens.push('details');
    else if (m[0].startsWith('<div class="tabbed')) tokens.push('tabs');
    else if (m[0] === '<dl') tokens.push('dl');
    else tokens.push('code');
  }
  return tokens;
}

/** Ids of author content (and footnotes, headings, tabs) a link could point at; not the highlighter's line ids. */
function ids(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!).filter((id) => !/^__(code|span|codelineno)/.test(id));
}

/** Formulas arithmatex marked (generic or MathJax output), outside code samples. */
function formulas(html: string): number {
  return html.replace(/<pre\b[^]*?<\/pre>|<code\b[^]*?<\/code>/g, '').match(/class="arithmatex"|<script type="math\/tex/g)?.length ?? 0;
}

const RAW = [
  /^ *\/{3,} *[\w-]+/gm,
  /:(?:material|octicons|fontawesome|simple)-[\w-]+:/g,
  /\+\+[\w-]+(?:\+[\w-]+)*\+\+/g,
  /^ *(?:!!!|\?\?\?\+?) +[\w-]+/gm,
  /^ *===[!+]? +"/gm,
  /\{:? *[#.][\w-][^}\n]*\}/g,
  /\{(?:\+\+|--|~~|==|>>)/g,
];

/** Raw extension syntax left in a page's visible text (code excluded). */
export function rawSyntax(html: string): number {
  const text = html
    .replace(/<pre\b[^]*?<\/pre>|<code\b[^]*?<\/code>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x3C;|&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return RAW.reduce((n, re) => n + (text.match(re)?.length ?? 0), 0);
}

/** MkDocs' content area of a built page. */
function mkdocsContent(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const html = readFileSync(file, 'utf8');
  const start = html.search(/<article class="md-content__inner[^"]*">|<div role="main"[^>]*>/);
  if (start < 0) return html;
  const end = html.indexOf('</article>', start);
  return html.slice(start, end < 0 ? undefined : end);
}

/** The site's config, made buildable by Debian's MkDocs: plugins → search, unknown extensions dropped. */
function mkdocsConfig(site: Site, out: string): string {
  let text = readFileSync(join(site.dir, site.config), 'utf8')
    .replace(/(?:material\.extensions|materialx)\.emoji\./g, 'pymdownx.emoji.')
    // A site's own Python (custom fence formatters in its tools/) is not run: its fences show as code.
    .replace(/!!python\/name:([\w.]+)/g, (m, name: string) => (importable(name.replace(/\.[^.]+$/, '')) ? m : '!!python/name:pymdownx.superfences.fence_code_format'));
  const doc = parseDocument(text, { uniqueKeys: false });
  for (const key of ['strict', 'hooks', 'extra', 'copyright', 'INHERIT', 'extra_javascript', 'extra_css', 'watch', 'validation', 'project', 'exclude_docs', 'not_in_nav']) doc.delete(key);
  doc.set('plugins', ['search']);
  // Page templates named in front matter (`template: home.html`) come from the site's theme overrides.
  const overrides = join(out, 'overrides');
  mkdirSync(overrides, { recursive: true });
  for (const page of ['home.html', 'redirect.html', 'blog.html', 'blog-post.html']) writeFileSync(join(overrides, page), '{% extends "main.html" %}\n');
  doc.setIn(['theme'], doc.createNode({ name: 'material', custom_dir: overrides }));
  const docsDir = String(doc.get('docs_dir') ?? 'docs');
  doc.set('docs_dir', join(site.dir, dirname(site.config), docsDir));
  // As a list of one-key maps, whatever form the site wrote; only extensions Debian's Python can import.
  const exts = doc.get('markdown_extensions');
  const entries: Array<[string, unknown]> = isSeq(exts)
    ? exts.items.map((item) => (isMap(item) ? [String((item.items[0]?.key as { value?: unknown })?.value), item.items[0]?.value] : [String((item as { value?: unknown }).value), null]))
    : isMap(exts)
      ? exts.items.map((p) => [String((p.key as { value?: unknown }).value), p.value])
      : [];
  const kept = entries.filter(([name]) => importable(name));
  // Options the installed (older) version does not know make it fail: drop them.
  for (const [name, options] of kept) {
    if (!isMap(options)) continue;
    const known = optionKeys(name);
    options.items = options.items.filter((p) => known.has(String((p.key as { value?: unknown }).value)));
  }
  // TechDocs appends techdocs-core's extensions to every site (Backlot does too): so does this config.
  const named = new Set(kept.map(([name]) => name));
  for (const [name, options] of TECHDOCS_CORE) if (!named.has(name) && importable(name)) kept.push([name, options ? doc.createNode(options) : null]);
  const list = doc.createNode([]) as ReturnType<typeof doc.createNode> & { items: unknown[] };
  for (const [name, options] of kept) {
    const entry = doc.createNode({ [name]: null }) as { items: Array<{ value: unknown }> };
    entry.items[0]!.value = options;
    list.items.push(entry);
  }
  doc.set('markdown_extensions', list);
  text = doc.toString();
  const file = join(out, 'mkdocs.yml');
  writeFileSync(file, text);
  return file;
}

/** techdocs-core 1.7's extensions (default mode), in the forms Debian's packages accept. */
const TECHDOCS_CORE: Array<[string, Record<string, unknown> | undefined]> = [
  ['toc', { permalink: true }],
  ['admonition', undefined],
  ['pymdownx.details', undefined],
  ['pymdownx.tabbed', { alternate_style: true }],
  ['pymdownx.caret', undefined],
  ['pymdownx.critic', undefined],
  ['pymdownx.inlinehilite', undefined],
  ['pymdownx.magiclink', undefined],
  ['pymdownx.mark', undefined],
  ['pymdownx.smartsymbols', undefined],
  ['pymdownx.highlight', { linenums: true }],
  ['pymdownx.superfences', undefined],
  ['pymdownx.betterem', undefined],
  ['footnotes', undefined],
  ['attr_list', undefined],
  ['def_list', undefined],
  ['tables', undefined],
  ['abbr', undefined],
  ['md_in_html', undefined],
  ['pymdownx.tasklist', { custom_checkbox: true }],
  ['pymdownx.tilde', undefined],
];

/** The Python MkDocs runs on (its script's #! line): the one whose packages count. */
let interpreter: string | undefined;
function python(): string {
  if (!interpreter) {
    const script = spawnSync('sh', ['-c', 'command -v mkdocs'], { encoding: 'utf8' }).stdout.trim();
    interpreter = /^#!\s*(\S+)/.exec(readFileSync(script, 'utf8').split('\n')[0] ?? '')?.[1] ?? 'python3';
  }
  return interpreter;
}

function optionKeys(name: string): Set<string> {
  const code = `import markdown,json; print(json.dumps(list(markdown.Markdown().build_extension(${JSON.stringify(name)}, {}).getConfigs().keys())))`;
  const r = spawnSync(python(), ['-c', code], { encoding: 'utf8' });
  try {
    return new Set(JSON.parse(r.stdout) as string[]);
  } catch {
    return new Set();
  }
}

const importableCache = new Map<string, boolean>();
function importable(name: string): boolean {
  if (!importableCache.has(name)) {
    const module = name.includes('.') ? name : `markdown.extensions.${name}`;
    const r = spawnSync(python(), ['-c', `import importlib.util,sys; sys.exit(0 if importlib.util.find_spec(${JSON.stringify(module)}) else 1)`]);
    importableCache.set(name, r.status === 0);
  }
  return importableCache.get(name)!;
}

export async function run(): Promise<void> {
  const mkdocs = spawnSync('mkdocs', ['--version'], { encoding: 'utf8' });
  if (mkdocs.status !== 0) {
    console.log('mkdocs is not installed: apt-get install -y mkdocs mkdocs-material python3-pymdownx');
    return;
  }
  console.log(mkdocs.stdout.trim());
  const rows: string[] = [];
  for (const site of sites()) {
    const out = join(WORK, 'out', site.name);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    // Backlot reads mkdocs.yml from the entity's folder: put the site's config there under that name.
    const root = join(WORK, 'backlot', site.name);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(dirname(root), { recursive: true });
    execSync(`cp -r ${site.dir} ${root}`);
    const configDir = join(root, dirname(site.config));
    if (site.config.split('/').pop() !== 'mkdocs.yml') writeFileSync(join(configDir, 'mkdocs.yml'), readFileSync(join(root, site.config)));
    const rel = dirname(site.config) === '.' ? '' : `${dirname(site.config)}/`;
    writeFileSync(join(root, 'catalog-info.yaml'), '');
    const snapshot = await openLocalRepos([{ name: site.name, dir: root }], { org: 'parity', host: 'github.com', defaultBranch: 'main' });
    const entity: CatalogEntity = {
      ref: `component:default/${site.name}`,
      entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: site.name, annotations: { 'backstage.io/techdocs-ref': `dir:./${rel}` } }, spec: {} },
      source: { repo: site.name, file: 'catalog-info.yaml', line: 1, column: 1, positions: {} },
    };
    const started = performance.now();
    const result = await buildDocs(snapshot, [entity], { base: '/' });
    const backlotSeconds = (performance.now() - started) / 1000;
    const docs = result.sites[0];

    const config = mkdocsConfig(site, out);
    const mkStarted = performance.now();
    // Snippets' base_path is relative to the working folder: MkDocs runs from the config's folder.
    const built = spawnSync('mkdocs', ['build', '-q', '-f', config, '-d', join(out, 'site')], { encoding: 'utf8', cwd: join(site.dir, dirname(site.config)) });
    const mkSeconds = (performance.now() - mkStarted) / 1000;
    if (!docs || built.status !== 0) {
      rows.push(`| ${site.name} | – | – | – | – | – | ${!docs ? 'Backlot built no site' : `mkdocs failed: ${(built.stderr || '').trim().split('\n').pop()}`} |`);
      continue;
    }
    let equal = 0;
    let compared = 0;
    // Compared separately: pages using pymdownx.blocks (`/// name`), which Debian's pymdownx 9.5 predates, and
    // pages with fences like ```py {test="skip"}: a language then attributes in braces, which superfences does
    // not read (pydantic strips them with its own hook before Markdown, so its published site shows code); the
    // reference then renders the fence as a paragraph and the code's `# comments` as h1s.
    let blockPages = 0;
    let blockEqual = 0;
    const texts = new Map<string, string>();
    let rawBacklot = 0;
    let rawMkdocs = 0;
    const differing: string[] = [];
    let idsKept = 0;
    let idsTotal = 0;
    let mathBacklot = 0;
    let mathMkdocs = 0;
    const docsPrefix = docs.docsDir ? `${docs.docsDir}/` : '';
    for (const page of docs.pages) {
      const md = page.sourcePath.slice(docsPrefix.length);
      const htmlPath = /(^|\/)(index|README)\.md$/i.test(md) ? md.replace(/(index|README)\.md$/i, 'index.html') : md.replace(/\.md$/, '/index.html');
      const theirs = mkdocsContent(join(out, 'site', htmlPath));
      if (theirs === undefined) continue;
      compared++;
      const a = outline(page.html).join(' ');
      const b = outline(theirs).join(' ');
      const source = texts.get(page.sourcePath) ?? readFileSync(join(root, page.sourcePath), 'utf8');
      if (/^ *\/{3,} *[\w-]+/m.test(source) || /^ *(`{3,}|~{3,}) *[\w+-]+ +\{[^}]*\} *$/m.test(source)) {
        blockPages++;
        if (a === b) blockEqual++;
      } else if (a === b) equal++;
      else {
        if (differing.length < 3) differing.push(md);
        if (process.env.BENCH_PARITY_DIFF) console.log(`${site.name} ${md}\n  Backlot: ${a}\n  MkDocs:  ${b}`);
      }
      rawBacklot += rawSyntax(page.html);
      rawMkdocs += rawSyntax(theirs);
      const ours = new Set(ids(page.html));
      for (const id of ids(theirs)) {
        idsTotal++;
        if (ours.has(id)) idsKept++;
      }
      mathBacklot += formulas(page.html);
      mathMkdocs += formulas(theirs);
    }
    const broken = result.diagnostics.filter((d) => d.code === 'docs-broken-link').length;
    const unsupported = result.diagnostics.filter((d) => d.code === 'docs-unsupported-extension').length;
    const plain = compared - blockPages;
    rows.push(
      `| ${site.name} | ${compared}/${docs.pages.length} | ${plain ? ((equal / plain) * 100).toFixed(0) : '–'} % of ${plain} | ${blockEqual}/${blockPages} | ${rawBacklot} | ${rawMkdocs} | ` +
        `${idsKept}/${idsTotal} | ${mathBacklot}/${mathMkdocs} | ${broken} | ` +
        `${unsupported} unsupported named; Backlot ${backlotSeconds.toFixed(1)} s, MkDocs ${mkSeconds.toFixed(1)} s${differing.length ? `; differ e.g. ${differing.join(', ')}` : ''} |`,
    );
  }
  console.log(
    '| site | pages compared | equal structure | equal, pages counted apart (/// blocks, ```lang {attrs} fences) | raw syntax (Backlot) | raw syntax (MkDocs) | MkDocs ids found in Backlot | math (Backlot/MkDocs) | broken links reported | notes |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}
