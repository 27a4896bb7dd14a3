// The site stage in a child process: Astro loads and bundles there while the CLI runs the pipeline on another
// core, and renders once the CLI has sent the model. Its pages are written on a writer thread (buildSite's
// `pagesOnThread`, ./page-writes.ts).
// Parent → child: {start: options}, then the model as {part} messages (model-parts.ts: the entities' slices may
// come ahead of the rest), the templates' forms the CLI built for its diagnostics as {forms}, and {end: true}; or
// {cancel: true}. Child → parent: {done} or {error}. Messages use V8's serialiser (structured clone), not JSON:
// at 10,000 entities the model is across in about 0.8 s, where writing it as JSON and parsing it took 1.3 s.

import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { PortalEntity, PortalModel } from '../../model/portal.ts';
import type { TemplateForms } from '../../views/create/page-data.ts';
import type { BuildSiteOptions, BuildSiteResult } from './build.ts';
import { reuseFrom, type ReuseInput, type ReuseSource } from './reuse.ts';
import { entityParts, headPart, modelAssembler, modelParts, sendInOrder, type ModelPart } from './model-parts.ts';
import { LARGE_MODEL_ENTITIES, largeModelFlag, siteChildFlags } from '../../util/background.ts';
import { setFlagsFromString } from 'node:v8';
import { REPO_ROOT } from './files.ts';
import { useResolveCache } from './resolve-cache.ts';

type ChildOptions = Omit<BuildSiteOptions, 'model' | 'forms' | 'reuse'> & { reuse?: ReuseInput };
type ToChild = { start: ChildOptions } | { reuse: ReuseInput | null } | { reuseFrom: ReuseSource } | { part: ModelPart } | { forms: TemplateForms } | { end: true } | { cancel: true };
type FromChild = { done: ChildResult } | { error: { message: string; stack?: string } };

/** What buildSite returned in the child, and why it reused nothing when it read the last build's keys itself and found none. */
export type ChildResult = BuildSiteResult & { reuseReason?: string };

export interface SiteBuild {
  /**
   * Starts sending the model's entities ahead of the rest, while the CLI still works on it (they must not change
   * after this); sendModel then sends the rest. Optional.
   */
  sendEntities(entities: readonly PortalEntity[]): void;
  /**
   * Sends the model to render, part by part (its entities unless sendEntities sent these), and its forms; settles
   * once the last part has left this process.
   */
  sendModel(model: PortalModel, forms: TemplateForms): Promise<void>;
  /**
   * A rebuild: the last build's page keys, when `start` had none, or where the child reads them (a ReuseSource:
   * the manifest's 2 MB and its 12,000 pages' files checked at 10,000 entities, ~0.1 s the CLI's pipeline no longer
   * waits for). Sent before the model; a model sent without it builds every page. Settles once the message has left
   * this process.
   */
  sendReuse(input: ReuseInput | ReuseSource | undefined): Promise<void>;
  /** Stops the child (the pipeline failed, or the build was interrupted); settles once it has exited. */
  cancel(): Promise<void>;
  /** What buildSite returned in the child, or its error. */
  result: Promise<ChildResult>;
  /** The child's process id. */
  pid: number | undefined;
}

const ENTRY = fileURLToPath(import.meta.url);

/** Tokens the site stage never needs (pages do not fetch): left out of the child's environment. */
const TOKENS = ['GITHUB_TOKEN', 'GH_TOKEN'];

/** The child's environment: the parent's, less the named secrets and the usual token variables. */
export function siteChildEnv(env: NodeJS.ProcessEnv, secrets: readonly string[] = []): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, BACKLOT_SITE_CHILD: '1' };
  for (const name of [...TOKENS, ...secrets]) delete out[name];
  return out;
}

/**
 * Rolldown's native thread pools (tokio, rayon) in the child: one thread each on two cores or fewer, unless set.
 * The CLI's pipeline has the other core while Astro bundles; the extra threads only cost a one-repo docs build
 * ~0.3 s of system time and ~60 MiB (A/B, 5 pairs on a busy 2-core VM: CPU 0.95, peak 495 vs 561 MiB, wall not
 * slower).
 */
export function bundlerThreads(env: NodeJS.ProcessEnv, cores: number = availableParallelism()): NodeJS.ProcessEnv {
  if (cores > 2) return {};
  return { TOKIO_WORKER_THREADS: env.TOKIO_WORKER_THREADS ?? '1', RAYON_NUM_THREADS: env.RAYON_NUM_THREADS ?? '1' };
}

/**
 * Names that look like they hold a secret, kept from every site child: one forked before the config is read
 * (preforkSiteChild) cannot know the token variables the config names.
 */
const TOKEN_LIKE = /TOKEN|SECRET|PASSW|CREDENTIAL|PRIVATE|API_?KEY|AUTH/i;

export function tokenLikeNames(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env).filter((name) => TOKEN_LIKE.test(name));
}

/** The child, forked without the named secrets and without any token-like variable. */
function forkChild(secrets: readonly string[]): ChildProcess {
  const env = { ...siteChildEnv(process.env, [...secrets, ...tokenLikeNames(process.env)]), ...bundlerThreads(process.env) };
  return fork(ENTRY, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env, execArgv: siteChildFlags(process.execArgv), serialization: 'advanced' });
}

/** The child preforkSiteChild started, and the variables it was forked without. */
let early: { child: ChildProcess; removed: ReadonlySet<string> } | undefined;

/**
 * Forks the site child now, before the CLI loads its own modules and reads the config (src/cli/backlot.js): the
 * child loads Astro meanwhile, and startSiteBuild takes it. Its environment has no token-like variable; when the
 * config names a secret it still carries, startSiteBuild forks another child instead. Until taken it keeps
 * nothing alive: a CLI that ends without a site build ends, and the child with it.
 */
export function preforkSiteChild(): number | undefined {
  if (early) return early.child.pid;
  const removed = tokenLikeNames(process.env);
  const child = forkChild([]);
  child.on('error', () => {}); // startSiteBuild sees it exited and forks another
  child.unref();
  child.channel?.unref();
  early = { child, removed: new Set(removed) };
  return child.pid;
}

/** Whether a child forked without `removed` may build for a config whose secrets are `secrets`. */
export function keepsSecretsOut(removed: ReadonlySet<string>, secrets: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return secrets.every((name) => env[name] === undefined || removed.has(name));
}

function takeEarlyChild(secrets: readonly string[]): ChildProcess | undefined {
  const taken = early;
  early = undefined;
  if (!taken) return undefined;
  const { child, removed } = taken;
  if (child.exitCode === null && child.signalCode === null && child.connected && keepsSecretsOut(removed, secrets, process.env)) {
    child.ref();
    child.channel?.ref();
    return child;
  }
  child.kill();
  return undefined;
}

/** `secrets`: names of environment variables holding tokens (the config's `token.env`), kept from the child. */
export function startSiteBuild(options: ChildOptions, secrets: readonly string[] = []): SiteBuild {
  const child = takeEarlyChild(secrets) ?? forkChild(secrets);
  const send = (message: ToChild, sent?: () => void) => {
    if (child.connected) child.send(message, sent);
    else sent?.();
  };
  const result = new Promise<ChildResult>((resolve, reject) => {
    let settled = false;
    child.on('message', (message: FromChild) => {
      settled = true;
      if ('done' in message) resolve(message.done);
      else reject(Object.assign(new Error(message.error.message), { stack: message.error.stack }));
      child.disconnect();
    });
    child.on('error', (err) => {
      settled = true;
      reject(err);
    });
    child.on('exit', (code, signal) => {
      if (!settled) reject(new Error(`the site build stopped (${signal ?? `exit code ${code}`}) before it finished`));
    });
  });
  result.catch(() => {}); // awaited by the caller once the pipeline is done; a failure meanwhile is not unhandled
  send({ start: options });
  // A few parts at a time (sendInOrder): the model is not serialised into the channel's queue all at once.
  const sendAll = (messages: Iterable<ToChild>) => sendInOrder(messages, (message, written) => send(message, () => written()));
  let ahead: { entities: readonly PortalEntity[]; sent: Promise<void> } | undefined;
  return {
    sendEntities(entities) {
      if (ahead) throw new Error('the entities were sent already');
      ahead = { entities, sent: sendAll(partMessages(entityParts(entities))) };
      ahead.sent.catch(() => {}); // awaited by sendModel
    },
    sendReuse(input) {
      return new Promise((resolve) => send(input && 'cacheDir' in input ? { reuseFrom: input } : { reuse: input ?? null }, resolve));
    },
    sendModel: async (model, forms) => {
      if (!ahead) return sendAll(messagesOf(model, forms));
      if (ahead.entities !== model.entities) throw new Error('the model has other entities than those sent ahead');
      await ahead.sent;
      return sendAll(restOf(model, forms));
    },
    cancel: () => {
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));
      send({ cancel: true });
      child.kill();
      return exited;
    },
    result,
    pid: child.pid,
  };
}

function* messagesOf(model: PortalModel, forms: TemplateForms): Generator<ToChild> {
  yield* partMessages(modelParts(model));
  yield { forms };
  yield { end: true };
}

/** What is left to send once the entities went ahead. */
function* restOf(model: PortalModel, forms: TemplateForms): Generator<ToChild> {
  yield { part: headPart(model) };
  yield { forms };
  yield { end: true };
}

function* partMessages(parts: Iterable<ModelPart>): Generator<ToChild> {
  for (const part of parts) yield { part };
}

function runChild(child: NodeJS.Process): void {
  let model: { resolve: (m: PortalModel) => void; reject: (err: Error) => void } | undefined;
  const modelPromise = new Promise<PortalModel>((resolve, reject) => (model = { resolve, reject }));
  const parts = modelAssembler('the model from the CLI');
  let forms: TemplateForms | undefined;
  let failed = false;
  let large = false; // the model reached LARGE_MODEL_ENTITIES: the heap's growth is capped (../../util/background.ts)
  // The last build's page keys, from a {reuse} message or with {start}; none when the model ends without one.
  let reuseArrived: (input: ReuseInput | undefined) => void = () => {};
  const reuseLater = new Promise<ReuseInput | undefined>((resolve) => (reuseArrived = resolve));
  let reuseReason: string | undefined;
  // Astro loads while the CLI starts (preforkSiteChild) or runs its pipeline; the options come with {start}.
  useResolveCache(REPO_ROOT);
  const loading = import('./build.ts');
  loading.catch(() => {}); // reported by build()
  child.on('disconnect', () => process.exit(1)); // the CLI is gone
  child.on('message', (message: ToChild) => {
    if ('start' in message) {
      void build(message.start);
    } else if ('reuse' in message) {
      reuseArrived(message.reuse ?? undefined);
    } else if ('reuseFrom' in message) {
      try {
        const { input, reason } = reuseFrom(message.reuseFrom);
        reuseReason = reason;
        reuseArrived(input);
      } catch (err) {
        reuseReason = `the last build's keys could not be read: ${(err as Error).message}`;
        reuseArrived({ version: message.reuseFrom.version, previous: {} });
      }
    } else if ('part' in message) {
      if (failed) return;
      try {
        parts.add(message.part);
        if (!large && parts.entities().length >= LARGE_MODEL_ENTITIES) {
          large = true;
          const flag = largeModelFlag(process.execArgv);
          if (flag) setFlagsFromString(flag);
        }
      } catch (err) {
        failed = true;
        model!.reject(err as Error);
      }
    } else if ('forms' in message) {
      forms = message.forms;
    } else if ('end' in message) {
      reuseArrived(undefined);
      if (failed) return;
      try {
        model!.resolve(parts.done());
      } catch (err) {
        model!.reject(err as Error);
      }
    } else if ('cancel' in message) {
      process.exit(1);
    }
  });
  const build = async (opts: ChildOptions) => {
    let reply: FromChild;
    try {
      // Loaded in runChild, not at the top: the parent imports this module for startSiteBuild and needs no Astro.
      const { buildSite } = await loading;
      const sent = modelPromise.then(() => forms ?? Promise.reject(new Error('the CLI sent the model without its template forms')));
      const site = await buildSite({ ...opts, reuse: opts.reuse ?? reuseLater, model: modelPromise, forms: sent, pagesOnThread: true });
      reply = { done: reuseReason ? { ...site, reuseReason } : site };
    } catch (err) {
      reply = { error: { message: (err as Error).message, stack: (err as Error).stack } };
    }
    child.send!(reply, () => process.exit(0));
  };
}

if (process.env.BACKLOT_SITE_CHILD === '1' && process.send && process.argv[1] === ENTRY) runChild(process);
