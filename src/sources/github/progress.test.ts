import { describe, expect, it, vi } from 'vitest';
import { createProgress, formatSummary, staleReasons } from './progress.ts';

describe('plain progress (no terminal)', () => {
  it('writes a line at most every interval, and always at the end of a phase', () => {
    vi.useFakeTimers();
    try {
      const lines: string[] = [];
      const counts = { requests: 0, points: 0, files: 0 };
      const p = createProgress({ bar: false, write: (l) => lines.push(l), counts: () => counts, intervalMs: 1000 });
      p.start('repos listed', 300);
      counts.requests = 1;
      p.update(100);
      vi.advanceTimersByTime(1500);
      counts.requests = 2;
      p.update(200);
      p.update(250);
      counts.requests = 3;
      p.update(300);
      p.stop();
      expect(lines).toEqual(['GitHub: repos listed 200/300 · 0 files fetched · 2 requests · 0 points', 'GitHub: repos listed 300/300 · 0 files fetched · 3 requests · 0 points']);
      p.log('a warning');
      expect(lines.at(-1)).toBe('a warning');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('formatSummary', () => {
  it('says what was seen, matched, changed and stale, what it cost, and the rate limit left', () => {
    const text = formatSummary({
      orgs: ['acme', 'beta'],
      seen: 2000,
      matched: 1500,
      changed: 12,
      stale: 3,
      staleReasons: staleReasons([
        'listing failed: Something went wrong while executing your query. Please include `A1:B2` when reporting this issue.',
        'listing failed: Something went wrong while executing your query. Please include `C3:D4` when reporting this issue.',
        'Could not read git data of acme/svc-1',
      ]),
      requests: 24,
      points: 24,
      files: 40,
      ms: 3456,
      rateLimit: { remaining: 4976, limit: 5000, resetAt: new Date('2026-01-01T10:15:00Z') },
    });
    expect(text).toBe(
      'GitHub acme, beta: 2000 repos seen, 1500 matched, 12 changed, 3 stale (2 × listing failed: Something went wrong while executing your query.; 1 × Could not read git data of …); 40 files fetched in 24 requests, 24 points, 3.5 s; rate limit 4976/5000 left until 10:15 UTC',
    );
  });
});
