import { describe, expect, it } from 'vitest';
import { parseMkdocsConfig } from './mkdocs.ts';

const where = { repo: 'app', file: 'mkdocs.yml' };

describe('parseMkdocsConfig', () => {
  it('reads the keys Backlot uses, with nav positions, and ignores the rest', () => {
    const text = [
      'site_name: Shipments',
      'site_description: How it works',
      'repo_url: https://github.com/acme/app',
      'edit_uri: edit/main/docs/',
      'docs_dir: handbook',
      'use_directory_urls: false',
      'hooks: [evil.py]',
      'markdown_extensions:',
      '  - pymdownx.emoji:',
      '      emoji_index: !!python/name:material.extensions.emoji.twemoji',
      'nav:',
      '  - index.md',
      '  - Guide:',
      '      - Setup: guide/setup.md',
    ].join('\n');
    const { config, diagnostics } = parseMkdocsConfig(text, where);
    expect(diagnostics).toEqual([]);
    expect(config).toEqual({
      file: 'mkdocs.yml',
      siteName: 'Shipments',
      siteDescription: 'How it works',
      repoUrl: 'https://github.com/acme/app',
      editUri: 'edit/main/docs/',
      docsDir: 'handbook',
      docsDirAt: { line: 5, column: 11 },
      useDirectoryUrls: false,
      nav: [
        { line: 12, column: 5, target: 'index.md' },
        { line: 13, column: 5, title: 'Guide', children: [{ line: 14, column: 16, title: 'Setup', target: 'guide/setup.md' }] },
      ],
    });
  });

  it('reports invalid YAML with its position', () => {
    const { diagnostics } = parseMkdocsConfig('site_name: x\nnav: [a\n', where);
    expect(diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['error', 'docs-mkdocs-yaml', 3]]);
  });

  it('reports nav entries it cannot use, such as the monorepo plugin’s !include', () => {
    const { config, diagnostics } = parseMkdocsConfig('nav:\n  - Sub: !include sub/mkdocs.yml\n  - 42\n  - A: b.md\n', where);
    expect(config.nav).toEqual([{ line: 4, column: 8, title: 'A', target: 'b.md' }]);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['docs-mkdocs-config', 2, 19],
      ['docs-mkdocs-config', 3, 5],
    ]);
  });
});
