// The `backlot` command line.

import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load.ts';
import { UsageError } from './errors.ts';

const HELP: Record<string, string> = {
  main: `backlot — a static portal for your org's software catalog, docs and templates

Usage: backlot <command> [options]

Commands:
  build [PATH]         build the portal into the output folder (default dist/)
  crawl --shard i/N    crawl one share of the org into a folder, for "build --snapshots" on another machine
  validate [PATH...]   check catalog files and print diagnostics
  dev [PATH]           serve the portal, rebuilt and reloaded on every save
  dev --docs REPO      preview one repo's docs while writing them, as "mkdocs serve" does
  preview              serve the built portal
  scaffold             run a software template (in GitHub Actions, or a dry run)
  diff                 what changed between two catalogs, what breaks and whom it affects
  plugins              list the configured plugins, their hooks and what each added in the last build

Run "backlot <command> --help" for a command's options.`,
  build: `Usage: backlot build [--config FILE] [--strict] [--verbose] [--no-reuse] [--previous URL|DIR] [PATH | --snapshots DIR...]
       backlot build --snapshots DIR... --shard i/N [--out DIR]
       backlot build --snapshots DIR... --pages DIR...

Runs the whole pipeline (sources → catalog → graph → site → search) and writes the portal.
  PATH            a folder whose sub-folders are repos; replaces the configured sources
  --snapshots DIR...  the folders "backlot crawl --shard i/N" wrote, one per shard, all of them: they replace
                  the configured sources (nothing is crawled); a missing or doubled shard is an error
  --shard i/N     with --snapshots: render only share i of N of the pages into --out DIR (default
                  site-i-of-N); no static API and no search index (the merge writes them)
  --pages DIR...  with --snapshots: render nothing, copy in every "--shard" folder's pages, then write the
                  static API and the search index into the output folder
  --config FILE   config file (default ./backlot.config.yaml)
  --previous URL|DIR  the live portal (or a built site's folder) whose catalog and history this build
                  continues (default: history.url, else site.url + site.base, else the output folder)
  --strict        exit non-zero when there is any error or warning
  --no-reuse      render every page (by default a build copies the entity pages whose data did not change
                  from the last build in the output folder, as the cache folder's pages.json records)
  --verbose       show Astro's own build log`,
  crawl: `Usage: backlot crawl --shard i/N [--out DIR] [--config FILE]
       backlot crawl --plan [--config FILE]

Crawls the configured sources' repos that fall in share i of N (a stable split by a hash of the repo's name),
reads what a build reads from them, and writes it to DIR (default snapshot-i-of-N) for
"backlot build --snapshots DIR..." to merge with the other shards'. Every shard lists the whole org; only its
own repos' files are fetched.
  --shard i/N   this machine's share (1-based) and the number of shards
  --out DIR     the folder to write (default snapshot-i-of-N)
  --plan        print the config's build.shards as "count=N" and "shards=[1,…,N]" lines (for $GITHUB_OUTPUT)`,
  validate: `Usage: backlot validate [--config FILE] [--format text|json|github] [--strict] [PATH...]

Prints every problem in the catalog files and exits non-zero when there are errors.
  PATH...          repo folders, each validated on its own with no config (for a service repo's CI);
                   references to entities in other repos are not checked in this mode
  --config FILE    config file (default ./backlot.config.yaml); used when no PATH is given
  --format F       text (default), json (an array of diagnostics) or github (PR annotations)
  --strict         warnings fail too`,
  dev: `Usage: backlot dev [--config FILE] [PATH]
       backlot dev [--config FILE] --docs REPO

Builds the model and serves the portal with Astro's dev server. A save in a repo's catalog files, docs,
mkdocs.yml or API definitions rebuilds the model, prints new and fixed problems and reloads the browser.
  PATH         a folder whose sub-folders are repos; replaces the configured sources
  --docs REPO  one repo's folder, alone: opens on its docs' first page (without a catalog-info.yaml, the
               repo stands for a Component named after the folder, with its docs beside mkdocs.yml)
  --config FILE  config file (default ./backlot.config.yaml): the site's title and base`,
  preview: `Usage: backlot preview [--config FILE]

Serves the built portal (run "backlot build" first).`,
  scaffold: `Usage: backlot scaffold --template REF|FILE [--values JSON|@FILE] [--dry-run DIR] [--config FILE]
       backlot scaffold --from-issue EVENT.json [--config FILE]

Runs a software template's steps: renders the skeleton, creates the repo, asks the portal to rebuild.
  --template REF|FILE  a Template in the catalog (template:default/node-service) or a template.yaml
  --values JSON|@FILE  the parameters, as JSON or @ a JSON file; checked against the template's schema
  --dry-run DIR        render into DIR (new or empty) and only report what the GitHub actions would do
  --from-issue FILE    handle a scaffold request issue (the workflow's event.json): check the author,
                       run the template, comment the result and close the issue
  GitHub actions use GITHUB_TOKEN; the API is GITHUB_API_URL in Actions, else api.github.com.`,
  plugins: `Usage: backlot plugins [--config FILE]

Lists the plugins the config names (loading each and checking its options), their hooks, and what each
contributed in the last build (files read, data, cards, problems; from the cache folder's plugins/report.json).`,
  diff: `Usage: backlot diff --base FILE|URL [--head FILE|URL | PATH] [--partial] [--format text|markdown|json]
                    [--fail-on breaking-other-owner|breaking|never] [--comment OWNER/REPO#N] [--config FILE]

Compares two catalogs: entities added, removed, renamed and changed, breaking changes of API definitions,
and who is affected through the graph (consumers, dependents, children and members) with their owners.
  --base FILE|URL  the catalog before: an api/catalog/entities.json file, its URL, or a portal's URL
                   ending in / (its api/catalog/entities.json is read)
  --head FILE|URL  the catalog after; without it, the current config (or PATH) is run through the
                   pipeline, writing no site
  PATH             a folder whose sub-folders are repos; replaces the configured sources
  --partial        the head is only some repos of the org (a service repo's pull request): entities of
                   other repos are not counted as removed (repos are matched by name)
  --format F       text (default), markdown (a pull-request comment) or json
  --fail-on WHEN   exit 1 when something breaking affects another owner (breaking-other-owner, the
                   default), when anything breaks (breaking), or never
  --comment PR     keep one "Catalog impact" comment on pull request OWNER/REPO#N up to date (edited,
                   never posted twice); a PR with the label the config names in diff.allowBreakingLabel
                   passes. Uses GITHUB_TOKEN and GITHUB_API_URL (default https://api.github.com)`,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP.main);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    console.log((await import('../../package.json', { with: { type: 'json' } })).default.version);
    return 0;
  }
  const help = HELP[command];
  if (!help || command === 'main') {
    console.error(`backlot: unknown command "${command}"\n\n${HELP.main}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      tokens: true,
      options: {
        config: { type: 'string' },
        format: { type: 'string' },
        strict: { type: 'boolean' },
        verbose: { type: 'boolean' },
        template: { type: 'string' },
        values: { type: 'string' },
        'dry-run': { type: 'string' },
        'from-issue': { type: 'string' },
        base: { type: 'string' },
        head: { type: 'string' },
        'fail-on': { type: 'string' },
        partial: { type: 'boolean' },
        comment: { type: 'string' },
        previous: { type: 'string' },
        docs: { type: 'string' },
        shard: { type: 'string' },
        out: { type: 'string' },
        plan: { type: 'boolean' },
        snapshots: { type: 'string', multiple: true },
        pages: { type: 'string', multiple: true },
        'no-reuse': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`backlot ${command}: ${(err as Error).message}\n\n${help}`);
    return 2;
  }
  const { values } = parsed;
  // `--snapshots a b c --pages x y`: a folder after a list option belongs to it, as the shell wrote it.
  const positionals: string[] = [];
  let list: 'snapshots' | 'pages' | undefined;
  for (const token of parsed.tokens ?? []) {
    if (token.kind === 'option') list = token.name === 'snapshots' || token.name === 'pages' ? token.name : undefined;
    else if (token.kind === 'positional') (list ? values[list]!.push(token.value) : positionals.push(token.value));
    else list = undefined;
  }
  if (values.help) {
    console.log(help);
    return 0;
  }
  try {
    switch (command) {
      case 'validate': {
        const format = values.format ?? 'text';
        if (format !== 'text' && format !== 'json' && format !== 'github') {
          console.error(`backlot validate: --format must be text, json or github, not "${format}"`);
          return 2;
        }
        const { validateCommand } = await import('./validate.ts');
        return await validateCommand({ config: values.config, format, strict: !!values.strict, paths: positionals });
      }
      case 'crawl': {
        if (values.plan) {
          const { loadConfig } = await import('../config/load.ts');
          const count = loadConfig(values.config).build?.shards ?? 1;
          console.log(`count=${count}\nshards=${JSON.stringify(Array.from({ length: count }, (_, i) => i + 1))}`);
          return 0;
        }
        const { parseShard } = await import('../snapshot/shard.ts');
        const shard = parseShard(values.shard ?? '');
        if (!values.shard || typeof shard === 'string') {
          console.error(`backlot crawl: ${values.shard ? shard : '--shard i/N is required'}\n\n${help}`);
          return 2;
        }
        const { crawlCommand } = await import('./crawl.ts');
        return await crawlCommand({ config: values.config, shard, out: values.out ?? `snapshot-${shard.index}-of-${shard.count}` });
      }
      case 'build':
      case 'dev': {
        const snapshots = values.snapshots;
        for (const option of ['snapshots', 'pages', 'shard', 'out'] as const) {
          if (values[option] !== undefined && command !== 'build') {
            console.error(`backlot ${command}: --${option} is an option of "backlot build"\n\n${help}`);
            return 2;
          }
        }
        let shard: import('../snapshot/shard.ts').Shard | undefined;
        if (values.shard !== undefined) {
          const parsedShard = (await import('../snapshot/shard.ts')).parseShard(values.shard);
          if (typeof parsedShard === 'string') {
            console.error(`backlot build: ${parsedShard}`);
            return 2;
          }
          shard = parsedShard;
        }
        if ((shard || values.pages) && !snapshots) {
          console.error(`backlot build: ${shard ? '--shard' : '--pages'} needs --snapshots: every shard renders from the same crawled snapshots\n\n${help}`);
          return 2;
        }
        if (shard && values.pages) {
          console.error(`backlot build: give either --shard (render a share of the pages) or --pages (merge the shards' pages)\n\n${help}`);
          return 2;
        }
        if (values.out !== undefined && !shard) {
          console.error(`backlot build: --out is where --shard renders; a whole site goes to site.outDir\n\n${help}`);
          return 2;
        }
        if (positionals.length > 1) {
          console.error(`backlot ${command}: takes at most one PATH\n\n${help}`);
          return 2;
        }
        if (values.docs !== undefined && (command !== 'dev' || positionals.length > 0)) {
          console.error(`backlot ${command}: ${command === 'dev' ? 'give either --docs REPO or PATH' : '--docs is an option of "backlot dev"'}\n\n${help}`);
          return 2;
        }
        if (command === 'dev') {
          const { devCommand } = await import('./dev.ts');
          return await devCommand({ config: values.config, verbose: !!values.verbose, path: positionals[0], docs: values.docs });
        }
        const { buildCommand } = await import('./build.ts');
        return await buildCommand({ config: values.config, strict: !!values.strict, verbose: !!values.verbose, path: positionals[0], previous: values.previous, ...(snapshots ? { snapshots } : {}), ...(shard ? { shard } : {}), ...(values.out ? { out: values.out } : {}), ...(values.pages ? { pages: values.pages } : {}), ...(values['no-reuse'] ? { reuse: false } : {}) });
      }
      case 'preview': {
        const { previewCommand } = await import('./build.ts');
        return await previewCommand({ config: values.config });
      }
      case 'diff': {
        const format = values.format ?? 'text';
        const failOn = values['fail-on'] ?? 'breaking-other-owner';
        if (!values.base) {
          console.error(`backlot diff: --base is required\n\n${help}`);
          return 2;
        }
        if (format !== 'text' && format !== 'markdown' && format !== 'json') {
          console.error(`backlot diff: --format must be text, markdown or json, not "${format}"`);
          return 2;
        }
        if (failOn !== 'breaking-other-owner' && failOn !== 'breaking' && failOn !== 'never') {
          console.error(`backlot diff: --fail-on must be breaking-other-owner, breaking or never, not "${failOn}"`);
          return 2;
        }
        if (positionals.length > 1 || (values.head && positionals.length > 0)) {
          console.error(`backlot diff: give either --head or one PATH\n\n${help}`);
          return 2;
        }
        const { diffCommand } = await import('./diff.ts');
        return await diffCommand({ config: values.config, base: values.base, head: values.head, path: positionals[0], format, failOn, partial: !!values.partial, ...(values.comment ? { comment: values.comment } : {}) });
      }
      case 'plugins': {
        const { loadPlugins } = await import('../plugins/load.ts');
        const { formatPlugins, readReport } = await import('../plugins/report.ts');
        const { loadConfig } = await import('../config/load.ts');
        const config = loadConfig(values.config);
        process.stdout.write(formatPlugins(await loadPlugins(config), await readReport(config.cacheDir)));
        return 0;
      }
      case 'scaffold': {
        const { scaffoldCommand } = await import('./scaffold.ts');
        return await scaffoldCommand({
          config: values.config,
          template: values.template,
          values: values.values,
          dryRun: values['dry-run'],
          fromIssue: values['from-issue'],
        });
      }
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`backlot: the config has problems:\n${err.problems.map((p) => `  ${p.file}:${p.line}:${p.column}  ${p.message}${p.hint ? `\n    hint: ${p.hint}` : ''}`).join('\n')}`);
      return 2;
    }
    if (err instanceof UsageError) {
      console.error(`backlot ${command}: ${err.message}`);
      return 2;
    }
    console.error(`backlot ${command}: ${(err as Error).message}`);
    if (process.env.BACKLOT_DEBUG) console.error(err);
    return 1;
  }
  return 0;
}

// Run when executed as the CLI (not when imported by tests).
if (process.argv[1] && /backlot(\.js)?$|main\.ts$/.test(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
