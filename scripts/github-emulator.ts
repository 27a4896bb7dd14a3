// `npm run emulator -- [--org NAME] [--port N] [--token T] [--fail-repo NAME]… FOLDER`
// Serves every sub-folder of FOLDER as a repo of the org, on 127.0.0.1, until stopped.

import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { reposFromFolder } from './emulator/repos.ts';
import { startEmulator } from './emulator/server.ts';

export { startEmulator } from './emulator/server.ts';
export type { Emulator, EmulatorFaults, EmulatorOptions, EmulatorStats } from './emulator/server.ts';
export type { EmulatorRepo } from './emulator/repos.ts';
export { updateRun, type RunNotice, type WorkflowRun } from './emulator/rest-actions.ts';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      port: { type: 'string', default: '4010' },
      token: { type: 'string' },
      'fail-repo': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.log('usage: npm run emulator -- [--org NAME] [--port 4010] [--token TOKEN] [--fail-repo NAME]… FOLDER');
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const dir = resolve(positionals[0]!);
  const org = values.org ?? basename(dir);
  const repos = await reposFromFolder(dir, org);
  const emulator = await startEmulator({
    repos,
    port: Number(values.port),
    ...(values.token ? { token: values.token } : {}),
    faults: { failRepos: values['fail-repo'] ?? [] },
  });
  console.log(`GitHub emulator: ${repos.length} repos of "${org}" from ${dir}`);
  console.log(`  GraphQL  ${emulator.url}/graphql   stats ${emulator.url}/_emulator/stats`);
  console.log(`  point a github source at it:\n    - type: github\n      org: ${org}\n      apiBaseUrl: ${emulator.url}`);
  console.log(`  and set any token, e.g. GITHUB_TOKEN=dev${values.token ? ' (this one requires --token)' : ''}`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.main) await main();
