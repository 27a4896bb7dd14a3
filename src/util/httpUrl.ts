// Only http(s) URLs from crawled files become links: anything else (javascript:, data:, typos) is shown as text
// or dropped. One rule for the entity pages and the docs' repo links.

/** `url` when it is an http(s) URL, else undefined. */
export function httpUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}
