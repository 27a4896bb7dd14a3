import { describe, expect, it } from 'vitest';
import { repoInfo } from '../snapshot/memory.ts';
import { staleRepoDiagnostics } from './stale.ts';

describe('staleRepoDiagnostics', () => {
  it('warns once per stale repo, at its root catalog file', () => {
    const repos = [
      repoInfo('fresh'),
      repoInfo('old', { stale: { reason: '502 Server Error', since: '2026-01-01T00:00:00.000Z' } }),
    ];
    expect(staleRepoDiagnostics(repos, () => '/catalog/info.yaml')).toEqual([
      {
        severity: 'warning',
        code: 'stale-repo',
        message: 'acme/old could not be read (502 Server Error); its entities are from the last good crawl (2026-01-01T00:00:00.000Z)',
        hint: expect.stringContaining('next build'),
        repo: 'old',
        file: 'catalog/info.yaml',
        line: 0,
        column: 0,
      },
    ]);
    expect(staleRepoDiagnostics([repoInfo('fresh')])).toEqual([]);
  });

  it('says when a failed repo has no earlier crawl to fall back on', () => {
    const [warning] = staleRepoDiagnostics([repoInfo('new', { stale: { reason: 'listing failed: timeout' } })]);
    expect(warning).toMatchObject({ severity: 'warning', code: 'stale-repo', repo: 'new' });
    expect(warning!.message).toBe('acme/new could not be read (listing failed: timeout) and was never crawled before: what could not be read is missing from this build');
  });
});
