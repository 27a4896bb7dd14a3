import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeHtml } from './html.ts';

describe('escapeHtml', () => {
  it('escapes all five special characters, as Astro escapes text', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
    expect(escapeHtml('plain text')).toBe('plain text');
    expect(escapeHtml('')).toBe('');
  });
});

describe('escapeAttribute', () => {
  it('escapes what ends or confuses a double-quoted value, as Astro escapes attributes', () => {
    expect(escapeAttribute('a "quoted" & <b>')).toBe('a &quot;quoted&quot; &amp; <b>');
    expect(escapeAttribute('&amp;')).toBe('&amp;amp;');
    expect(escapeAttribute("it's")).toBe("it's");
  });
});
