// A worker thread of ./graphs.ts: lays out its share of the shapes (every `stride`-th, from `offset`) from the
// last one Astro renders back to the first, and sends them in small batches so pages find them ready. The pages
// lay out from the first forward whatever is not here yet; ./graphs.ts stops this worker once the two have met.

import { parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from '../../util/background.ts';
import { computeShape, type Shape, type ShapeInput } from '../../views/graph-layout.ts';

const { inputs, stride, offset } = workerData as { inputs: ShapeInput[]; stride: number; offset: number };
/** Sent at least this often, so pages find fresh layouts. */
const BATCH_MS = 20;

// Lowest priority: the rendering thread, which the build waits for, keeps its core; a page that finds its shape
// missing lays it out itself.
lowerThreadPriority();

try {
  let batch: Array<[number, Shape]> = [];
  let sent = performance.now();
  const last = inputs.length - 1 - ((inputs.length - 1 - offset) % stride + stride) % stride;
  for (let i = last; i >= 0; i -= stride) {
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
