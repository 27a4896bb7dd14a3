// Pulls the site-internal links out of built HTML, for link checks in tests.

/** href/src values of a page that point into the site (no scheme, no protocol-relative, no bare fragment). */
export function internalLinks(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const value = match[1]!.replaceAll('&amp;', '&');
    if (!value || value.startsWith('#') || value.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(value)) continue;
    found.add(value);
  }
  return [...found];
}
