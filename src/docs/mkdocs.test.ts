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
      markdownExtensions: { 'pymdownx.emoji': { emoji_index: 'material.extensions.emoji.twemoji' } },
      extensionsAt: { 'pymdownx.emoji': { line: 9, column: 5 } },
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

  it('reads markdown_extensions and plugins in list and mapping forms, with options', () => {
    const text = [
      'markdown_extensions:',
      '  - toc:',
      '      permalink: "#"',
      '  - pymdownx.keys',
      '  - pymdownx.tabbed: { alternate_style: true }',
      'plugins:',
      '  - search',
      '  - macros:',
      '      module_name: main',
    ].join('\n');
    const { config, diagnostics } = parseMkdocsConfig(text, where);
    expect(diagnostics).toEqual([]);
    expect(config.markdownExtensions).toEqual({ toc: { permalink: '#' }, 'pymdownx.keys': {}, 'pymdownx.tabbed': { alternate_style: true } });
    expect(config.extensionsAt?.['pymdownx.keys']).toEqual({ line: 4, column: 5 });
    expect(config.plugins).toEqual([
      { name: 'search', line: 7, column: 5 },
      { name: 'macros', line: 8, column: 5 },
    ]);
    const mapping = parseMkdocsConfig('markdown_extensions:\n  admonition:\n  pymdownx.critic:\n    mode: view\nplugins: []\n', where);
    expect(mapping.config.markdownExtensions).toEqual({ admonition: {}, 'pymdownx.critic': { mode: 'view' } });
    expect(mapping.config.plugins).toEqual([]);
  });

  it('reports a markdown_extensions entry that is not a name', () => {
    const { diagnostics } = parseMkdocsConfig('markdown_extensions:\n  - 42\n', where);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['docs-mkdocs-config', 2]]);
  });

  it('keeps a Python object tag in options as the function’s name, never resolving it', () => {
    const text = 'markdown_extensions:\n  - pymdownx.tabbed:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify\n        kwds:\n          case: lower\n';
    expect(parseMkdocsConfig(text, where).config.markdownExtensions).toEqual({ 'pymdownx.tabbed': { slugify: 'pymdownx.slugs.slugify' } });
  });
});
