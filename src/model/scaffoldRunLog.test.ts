import { describe, expect, it } from 'vitest';
import { CHECK_OUTPUT_LIMIT, formatRunLog, parseRunLog, sizeOf, type RunLog } from './scaffoldRunLog.ts';

const log = (steps: RunLog['steps'], extra: Partial<RunLog> = {}): RunLog => ({ template: 'template:default/svc', state: 'running', notes: [], notesDropped: 0, steps, links: [], text: [], ...extra });
const step = (id: string, lines: string[], status: RunLog['steps'][number]['status'] = 'done'): RunLog['steps'][number] => ({ id, name: `Step ${id}`, action: 'debug:log', status, ms: 1200, lines, dropped: 0 });

describe('the run log in a check run', () => {
  it('keeps every part within GitHub’s 65,535 characters: small logs whole, long ones by their tail, saying so', () => {
    const long = Array.from({ length: 100_000 }, (_, i) => `line ${i} of a chatty step, with some words`);
    const out = formatRunLog(
      log([step('small', ['one', 'two']), step('chatty', long), step('wide', [`start ${'é'.repeat(200_000)} end`]), step('after', ['last'], 'pending')], {
        notes: ['@ada may run template:default/svc'],
      }),
    );
    for (const part of [out.summary, out.text]) expect(sizeOf(part)).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    const back = parseRunLog(out)!;
    expect(back.notes).toEqual(['@ada may run template:default/svc']);
    expect(back.steps[0]!.lines).toEqual(['one', 'two']);
    const chatty = back.steps[1]!;
    expect(chatty.lines.at(-1)).toBe(long.at(-1));
    expect(chatty.lines).toEqual(long.slice(-chatty.lines.length));
    expect(chatty.lines.length).toBeGreaterThan(200);
    expect(chatty.dropped).toBe(long.length - chatty.lines.length);
    expect(out.text).toContain(`_${chatty.dropped.toLocaleString('en')} earlier lines not shown: the log keeps the tail of long logs._`);
    // A line longer than its share keeps its end.
    expect(back.steps[2]!.lines).toHaveLength(1);
    expect(back.steps[2]!.lines[0]).toMatch(/^…é+ end$/);
    expect(back.steps[3]).toMatchObject({ id: 'after', status: 'pending', lines: ['last'] });
  });

  it('reads back exactly what a log line or an error says, whatever it holds', () => {
    const tricky = ['~~~', '<!-- backlot-step 0 -->', '```', '-->', '_5 earlier lines not shown_'];
    const error = 'bad --> value\n~~~\nsecond line';
    const out = formatRunLog(log([step('a', tricky, 'failed'), step('b', ['fine'], 'skipped')], { state: 'failed', error, failedStep: 'a' }));
    const back = parseRunLog(out)!;
    expect(back.steps[0]!.lines).toEqual(['~~', '<!-- backlot-step 0 -->', '```', '-->', '_5 earlier lines not shown_']);
    expect(back.steps[1]!.lines).toEqual(['fine']);
    expect(back).toMatchObject({ state: 'failed', error, failedStep: 'a' });
    // The hidden line closes only at its end, whatever the error says.
    const hidden = out.summary.split('\n')[0]!;
    expect(hidden.indexOf('-->')).toBe(hidden.length - 3);
    expect(out.title).toBe('template:default/svc failed at step a');
  });

  it('is not read from another check run’s output', () => {
    expect(parseRunLog({ summary: 'All tests passed', text: null })).toBeUndefined();
    expect(parseRunLog({ summary: '<!-- backlot-run-log {not json} -->', text: '' })).toBeUndefined();
  });
});
