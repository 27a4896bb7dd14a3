// A worker thread of ./graphs.ts: lays out the shapes it is sent with dagre and sends them back.

import { parentPort } from 'node:worker_threads';
import { computeShape, type ShapeInput } from './lib/graph-layout.ts';

parentPort!.once('message', (inputs: ShapeInput[]) => {
  try {
    parentPort!.postMessage({ shapes: inputs.map((input) => computeShape(input)) });
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? err.stack ?? err.message : String(err) });
  }
});
