// A worker thread of ./graphs.ts: lays out its share of the shapes (every `stride`-th, from `offset`) in the order
// Astro renders them, and sends them in small batches so pages find them ready. A page that got to a shape first
// says so on the `done` port, read between shapes, and the shape is skipped.

import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { lowerThreadPriority } from '../../util/background.ts';
import { computeShape, type Shape, type ShapeInput } from '../../views/graph-layout.ts';

const { inputs, stride, offset, done } = workerData as { inputs: ShapeInput[]; stride: number; offset: number; done: MessagePort };
/** Sent at least this often, so pages find fresh layouts. */
const BATCH_MS = 20;

// Lowest priority: the rendering thread, which the build waits for, keeps its core; a page that finds its shape
// missing lays it out itself.
lowerThreadPriority();

try {
  const skip = new Set<number>();
  let batch: Array<[number, Shape]> = [];
  let sent = performance.now();
  for (let i = offset; i < inputs.length; i += stride) {
    for (let note = receiveMessageOnPort(done); note; note = receiveMessageOnPort(done)) skip.add(note.message as number);
    if (skip.has(i)) continue;
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
