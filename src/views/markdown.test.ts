import { describe, expect, it } from 'vitest';
import { markdownHtml, markdownText } from './markdown.ts';

describe('markdownHtml', () => {
  it('renders emphasis, code, links and lists', () => {
    const html = markdownHtml('Handles **payments**, see [the runbook](https://runbook.example.com).\n\n- one\n- `two`');
    expect(html).toContain('<strong>payments</strong>');
    expect(html).toContain('<a href="https://runbook.example.com">the runbook</a>');
    expect(html).toContain('<li><code>two</code></li>');
  });

  it('keeps plain prose as one escaped paragraph', () => {
    expect(markdownHtml('Cart & checkout.')).toBe('<p>Cart &amp; checkout.</p>');
    expect(markdownHtml('  ')).toBe('');
  });

  it('drops scripts, handlers and script URLs as the docs do', () => {
    const html = markdownHtml('Hi <script>alert(1)</script><img src="x" onerror="alert(2)"> [x](javascript:alert(3))');
    expect(html).not.toMatch(/script|onerror|javascript:/i);
  });
});

describe('markdownText', () => {
  it('strips the markup and joins blocks with spaces', () => {
    expect(markdownText('# Ledger\nThe **general** ledger, see [docs](https://x.example).\n\n```\ncode\n```')).toBe('Ledger The general ledger, see docs. code');
    expect(markdownText('Plain  text\nover lines')).toBe('Plain text over lines');
  });
});
