import { describe, expect, it } from 'vitest';
import { definePlugin } from './index.ts';
import { formatPlugins } from './report.ts';
import { loaded } from './testing.ts';

describe('formatPlugins', () => {
  const status = loaded(definePlugin({ name: 'status', files: ['CODEOWNERS'], data: { load: () => 1 }, view: { cards: () => undefined }, browser: './s.js' }), { env: ['STATUS_TOKEN'] });
  const other = loaded(definePlugin({ name: 'other' }));

  it('lists each plugin’s hooks, env variables and what it added in the last build', () => {
    const report = {
      builtAt: '2026-12-06T10:00:00.000Z',
      plugins: [{ name: 'status', module: './status.ts', hooks: [], files: { asked: 28, found: 9 }, data: 'stale' as const, cards: { entities: 1, cards: 1 }, script: true, problems: 1 }],
    };
    expect(formatPlugins([status, other], report)).toBe(
      [
        'status  (./status.ts)',
        '  hooks       files, data, view, browser',
        '  env         STATUS_TOKEN',
        '  last build  9 of 28 files, data stale, 1 card on 1 entity, browser script, 1 problem',
        'other  (./other.ts)',
        '  hooks       none',
        '  last build  not run yet',
        '',
        'Last build: 2026-12-06T10:00:00.000Z',
        '',
      ].join('\n'),
    );
  });

  it('says how to add plugins when there are none', () => {
    expect(formatPlugins([], undefined)).toMatch(/^No plugins configured/);
  });
});
