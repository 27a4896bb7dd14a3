// A worker thread of ./graphs.ts: lays out the shapes it is given with dagre and sends them back one at a time
// (so a page waiting for one gets it at once), then asks for more.

import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from '../../util/background.ts';
import { computeShape, type ShapeInput } from '../../views/graph-layout.ts';

// Lowest priority: a page needing a shape nobody has taken lays it out itself, and waits only for one this
// worker is already on, so the rendering thread loses little when this one runs late.
lowerThreadPriority();

parentPort!.on('message', ({ inputs }: { inputs: ShapeInput[] }) => {
  try {
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i]!;
      parentPort!.postMessage({ shapes: [[input.key, computeShape(input)]], more: i === inputs.length - 1 });
    }
    if (inputs.length === 0) parentPort!.close(); // nothing left: the thread ends
  } catch (err) {
    // The pages lay out whatever is left; the error still shows in the build's output.
    console.error('graph layout worker:', err);
    parentPort!.close();
  }
});
