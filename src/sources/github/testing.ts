// Fixtures for the GitHub source's tests: an emulator on 127.0.0.1, org repos, config, catalog refs.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator, type EmulatorFaults } from '../../../scripts/emulator/server.ts';
import type { EmulatorRepo } from '../../../scripts/emulator/repos.ts';
import { readCatalog } from '../../catalog/index.ts';
import { createValidator } from '../../catalog/validate/index.ts';
import type { BacklotConfig, GithubSourceConfig } from '../../config/types.ts';
import type { Snapshot } from '../../snapshot/types.ts';
import { componentYaml } from '../../testing/entities.ts';
import { openGithubSource, type GithubSnapshot, type OpenGithubOptions } from './index.ts';

export type { EmulatorRepo };

/** `count` repos `svc-000…` of org `acme`, each with one Component in its root catalog file. */
export function serviceRepos(count: number, over: (i: number) => Partial<EmulatorRepo> = () => ({})): EmulatorRepo[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `svc-${String(i).padStart(3, '0')}`;
    return { owner: 'acme', name, files: { 'catalog-info.yaml': componentYaml(name) }, ...over(i) };
  });
}

/**
 * Small waits, so retries and backoff take milliseconds. The request timeout stays long: at a load average of 30
 * the emulator took over 2 s to check a 100-repo listing against GitHub's schema, the client retried, and tests
 * that count requests saw one more (the timeout itself is tested in client.test.ts).
 */
export const FAST: OpenGithubOptions = { progress: false, client: { retries: 3, retryBaseMs: 5, maxWaitMs: 5_000, timeoutMs: 30_000 } };

export interface Harness {
  emulator: Emulator;
  cacheDir: string;
  token: string;
  tokenEnv: string;
  logs: string[];
  config: BacklotConfig;
  source(over?: Partial<GithubSourceConfig>): GithubSourceConfig;
  open(over?: Partial<GithubSourceConfig>, options?: OpenGithubOptions): Promise<GithubSnapshot>;
  close(): Promise<void>;
}

let counter = 0;

export async function harness(repos: EmulatorRepo[], faults: EmulatorFaults = {}): Promise<Harness> {
  const token = `ghs_backlotTestToken${process.pid}x${++counter}x${Math.random().toString(36).slice(2)}`;
  const tokenEnv = `BACKLOT_TEST_TOKEN_${counter}`;
  process.env[tokenEnv] = token;
  const emulator = await startEmulator({ repos, faults, token });
  const cacheDir = await mkdtemp(join(tmpdir(), 'backlot-gh-'));
  const logs: string[] = [];
  const config: BacklotConfig = {
    root: cacheDir,
    site: { title: 'Test', base: '/', outDir: join(cacheDir, 'dist') },
    sources: [],
    catalog: { kinds: [] },
    cacheDir: join(cacheDir, '.backlot-cache'),
  };
  const source = (over: Partial<GithubSourceConfig> = {}): GithubSourceConfig => ({
    type: 'github',
    orgs: ['acme'],
    host: 'github.com',
    apiBaseUrl: emulator.url,
    tokenEnv,
    catalogPath: '/catalog-info.yaml',
    filters: { allowForks: true, allowArchived: false },
    ...over,
  });
  return {
    emulator,
    cacheDir,
    token,
    tokenEnv,
    logs,
    config,
    source,
    open: (over, options) => openGithubSource(source(over), config, { ...FAST, log: (l) => logs.push(l), ...options }),
    async close() {
      await emulator.close();
      await rm(cacheDir, { recursive: true, force: true });
      delete process.env[tokenEnv];
    },
  };
}

/** Canonical refs of the valid entities the catalog stage reads from a snapshot. */
export async function entityRefs(snapshot: Snapshot): Promise<string[]> {
  const result = await readCatalog(snapshot, { catalogPath: () => '/catalog-info.yaml', validate: createValidator() });
  return result.entities.map((e) => e.ref).sort();
}

/** Every file under a folder, as text. */
export async function readTree(dir: string): Promise<Array<{ file: string; text: string }>> {
  const out: Array<{ file: string; text: string }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    out.push({ file, text: await readFile(file, 'latin1') });
  }
  return out;
}
