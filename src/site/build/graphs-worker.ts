// A worker thread of ./graphs.ts: takes the shapes nobody has taken yet, in order, lays each out with dagre and
// sends them back in small batches so pages can use them while the rest are being done.

import { parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from '../../util/background.ts';
import { computeShape, type Shape, type ShapeInput } from '../../views/graph-layout.ts';

const { inputs, flags } = workerData as { inputs: ShapeInput[]; flags: Int32Array };
/** Sent at least this often, so a page waiting on nothing finds fresh layouts. */
const BATCH_MS = 20;

// Lowest priority: a page needing a shape nobody has taken lays it out itself, and waits only for one this
// worker is already on, so the rendering thread loses little when this one runs late.
lowerThreadPriority();

try {
  let batch: Array<[number, Shape]> = [];
  let sent = performance.now();
  for (let i = 0; i < inputs.length; i++) {
    if (Atomics.exchange(flags, i, 1) !== 0) continue;
    batch.push([i, computeShape(inputs[i]!)]);
    if (performance.now() - sent >= BATCH_MS) {
      parentPort!.postMessage({ shapes: batch });
      batch = [];
      sent = performance.now();
    }
  }
  parentPort!.postMessage({ shapes: batch });
} catch (err) {
  // The pages lay out whatever is left; the error still shows in the build's output.
  console.error('graph layout worker:', err);
}
