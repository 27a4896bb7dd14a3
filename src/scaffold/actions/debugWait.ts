// `debug:wait`: waits, at most 30 seconds (Backstage's default limit).

import type { ScaffoldAction } from '../types.ts';
import { describe } from './input.ts';

const MAX_MS = 30_000;

export const debugWait: ScaffoldAction = {
  id: 'debug:wait',
  async handler(ctx) {
    let ms = 0;
    for (const [key, factor] of [['minutes', 60_000], ['seconds', 1000], ['milliseconds', 1]] as const) {
      const value = ctx.input[key];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`input "${key}" must be a number, got ${describe(value)}`);
      ms += value * factor;
    }
    if (ms > MAX_MS) throw new Error('Waiting duration is longer than the maximum threshold of 30 seconds');
    await new Promise((resolve) => setTimeout(resolve, ms));
    ctx.log(`waited ${ms} ms`);
  },
};
