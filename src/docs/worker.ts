// Worker thread: renders the SiteJobs it is sent with its own processor and highlighter.

import { parentPort } from 'node:worker_threads';
import { createRenderer } from './markdown/render.ts';
import { renderSite, type SiteJob } from './renderSite.ts';

parentPort?.once('message', async (jobs: SiteJob[]) => {
  try {
    const renderer = await createRenderer();
    await renderer.prepare(jobs.flatMap((j) => [...j.texts.map(([, t]) => t), ...j.snippets.map(([, t]) => t)]));
    parentPort!.postMessage({ outputs: jobs.map((job) => renderSite(renderer, job)) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
