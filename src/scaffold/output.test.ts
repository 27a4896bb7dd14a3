import { describe, expect, it } from 'vitest';
import { entityPageUrl, formatNotices, formatSummaryMarkdown, renderOutput } from './output.ts';
import { createTemplating } from './templating.ts';

describe('renderOutput', () => {
  it('drops items whose if is falsy and links with neither url nor entityRef', () => {
    const out = renderOutput(
      {
        links: [
          { title: 'A', url: '${{ parameters.url }}' },
          { title: 'B', url: 'https://b', if: '${{ parameters.no }}' },
          { title: 'C', entityRef: '${{ parameters.missing }}' },
        ],
        text: [{ title: 'T', content: 'port ${{ parameters.port }}', if: true }],
        count: '${{ parameters.port }}',
      },
      { parameters: { url: 'https://a', no: false, port: 80 } },
      createTemplating(),
    );
    expect(out).toEqual({ links: [{ title: 'A', url: 'https://a' }], text: [{ title: 'T', content: 'port 80' }], values: { count: '80' } });
  });
});

describe('formatSummaryMarkdown', () => {
  it("links entity refs to the portal's pages and keeps titles from breaking the Markdown", () => {
    const md = formatSummaryMarkdown({
      title: 'Node [service]',
      output: { links: [{ title: 'Open *it*', entityRef: 'component:default/Pickup' }, { title: 'Repo', url: 'https://x/a b' }], text: [], values: {} },
      effects: [],
      dryRun: false,
      portalUrl: 'https://acme.github.io/portal/',
    });
    expect(md).toContain('### Node \\[service\\]');
    expect(md).toContain('- [Open \\*it\\*](<https://acme.github.io/portal/catalog/default/component/pickup/>)');
    expect(md).toContain('- [Repo](<https://x/a%20b>)');
  });

  it('shows the ref itself when the portal URL is unknown', () => {
    expect(entityPageUrl('component:default/x', undefined)).toBeUndefined();
    const md = formatSummaryMarkdown({ title: 'T', output: { links: [{ entityRef: 'component:default/x' }], text: [], values: {} }, effects: [], dryRun: true });
    expect(md).toContain('- component:default/x: `component:default/x`');
    expect(md).toContain('(dry run)');
  });
});

describe('formatNotices', () => {
  it('writes one escaped ::notice per link', () => {
    const notices = formatNotices({
      title: 'T',
      output: { links: [{ title: 'Repo: main, 100%', url: 'https://x/y' }, { entityRef: 'component:default/a' }], text: [], values: {} },
      effects: [],
      dryRun: false,
      portalUrl: 'https://p/',
    });
    expect(notices).toBe('::notice title=Repo%3A main%2C 100%25::https://x/y\n::notice title=Link::https://p/catalog/default/component/a/\n');
  });
});
