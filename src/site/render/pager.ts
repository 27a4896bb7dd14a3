// Which page links a pager shows: the first, the last, and a window around the current page.

export type PagerItem = number | 'gap';

export function pagerItems(page: number, pages: number, around = 2): PagerItem[] {
  const out: PagerItem[] = [];
  let last = 0;
  for (let n = 1; n <= pages; n++) {
    if (n !== 1 && n !== pages && Math.abs(n - page) > around) continue;
    if (n - last > 1) out.push(n - last === 2 ? n - 1 : 'gap');
    out.push(n);
    last = n;
  }
  return out;
}
