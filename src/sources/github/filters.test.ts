import { describe, expect, it } from 'vitest';
import { compileRepositoryPattern, repoFilter, satisfiesTopicFilter, satisfiesVisibilityFilter, serverSideFilters, type FilterableRepo } from './filters.ts';

const repo = (over: Partial<FilterableRepo> = {}): FilterableRepo => ({ name: 'payments-api', topics: [], fork: false, archived: false, visibility: 'PUBLIC', ...over });
const defaults = { allowForks: true, allowArchived: false };

describe('repository pattern', () => {
  it('is anchored at both ends', () => {
    const re = compileRepositoryPattern('payments');
    expect(re.test('payments')).toBe(true);
    expect(re.test('payments-api')).toBe(false);
    expect(re.test('old-payments')).toBe(false);
  });

  it('adds only the anchors that are missing, as Backstage does', () => {
    expect(compileRepositoryPattern('^svc-.*').source).toBe('^svc-.*$');
    expect(compileRepositoryPattern('.*-api$').source).toBe('^.*-api$');
    // Backstage does not group an alternation, so `a|b` becomes `^a|b$`: "a…" or "…b".
    const alt = compileRepositoryPattern('web|api');
    expect(alt.test('web-frontend')).toBe(true);
    expect(alt.test('payments-api')).toBe(true);
    expect(alt.test('worker')).toBe(false);
  });
});

describe('topic filter', () => {
  it('passes everything when unset or empty', () => {
    expect(satisfiesTopicFilter([], undefined)).toBe(true);
    expect(satisfiesTopicFilter(['x'], { include: [], exclude: [] })).toBe(true);
  });

  it('include needs at least one listed topic', () => {
    expect(satisfiesTopicFilter(['backstage', 'go'], { include: ['backstage'] })).toBe(true);
    expect(satisfiesTopicFilter(['go'], { include: ['backstage'] })).toBe(false);
    expect(satisfiesTopicFilter([], { include: ['backstage'] })).toBe(false);
  });

  it('exclude drops a repo with any listed topic; a repo with no topics passes', () => {
    expect(satisfiesTopicFilter(['deprecated'], { exclude: ['deprecated'] })).toBe(false);
    expect(satisfiesTopicFilter(['go'], { exclude: ['deprecated'] })).toBe(true);
    expect(satisfiesTopicFilter([], { exclude: ['deprecated'] })).toBe(true);
  });

  it('exclude wins over include', () => {
    const f = { include: ['backstage'], exclude: ['deprecated'] };
    expect(satisfiesTopicFilter(['backstage', 'deprecated'], f)).toBe(false);
    expect(satisfiesTopicFilter(['backstage'], f)).toBe(true);
    expect(satisfiesTopicFilter(['go'], f)).toBe(false);
  });
});

describe('visibility filter', () => {
  it('compares case-insensitively and allows all when unset', () => {
    expect(satisfiesVisibilityFilter('PRIVATE', ['private'])).toBe(true);
    expect(satisfiesVisibilityFilter('internal', ['PUBLIC', 'private'])).toBe(false);
    expect(satisfiesVisibilityFilter('INTERNAL', undefined)).toBe(true);
    expect(satisfiesVisibilityFilter('INTERNAL', [])).toBe(true);
  });
});

describe('repoFilter', () => {
  it('skips archived repos and keeps forks by default', () => {
    const f = repoFilter(defaults);
    expect(f(repo({ archived: true }))).toBe(false);
    expect(f(repo({ fork: true }))).toBe(true);
  });

  it('honours allowArchived and allowForks', () => {
    expect(repoFilter({ allowForks: false, allowArchived: true })(repo({ archived: true }))).toBe(true);
    expect(repoFilter({ allowForks: false, allowArchived: true })(repo({ fork: true }))).toBe(false);
  });

  it('combines every filter', () => {
    const f = repoFilter({ ...defaults, repository: 'svc-.*', topic: { include: ['backstage'] }, visibility: ['internal'] });
    expect(f(repo({ name: 'svc-a', topics: ['backstage'], visibility: 'INTERNAL' }))).toBe(true);
    expect(f(repo({ name: 'svc-a', topics: ['backstage'], visibility: 'PUBLIC' }))).toBe(false);
    expect(f(repo({ name: 'lib-a', topics: ['backstage'], visibility: 'INTERNAL' }))).toBe(false);
    expect(f(repo({ name: 'svc-a', topics: [], visibility: 'INTERNAL' }))).toBe(false);
  });
});

describe('serverSideFilters', () => {
  it('lets GitHub drop archived repos, forks and a single visibility while listing', () => {
    expect(serverSideFilters(defaults)).toEqual({ isArchived: false, isFork: null, visibility: null });
    expect(serverSideFilters({ allowForks: false, allowArchived: true, visibility: ['private'] })).toEqual({ isArchived: null, isFork: false, visibility: 'PRIVATE' });
    expect(serverSideFilters({ ...defaults, visibility: ['private', 'internal'] }).visibility).toBeNull();
  });
});
