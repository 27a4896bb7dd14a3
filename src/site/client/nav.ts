// The top navigation on a phone is one scrolling row: mark which ends have more links (the CSS fades those
// edges, so people see it scrolls) and bring the current page's link into view.

/** Which ends of a scrolling row hide content: '', 'start', 'end' or 'both'. */
export function hiddenEnds(scrollLeft: number, clientWidth: number, scrollWidth: number): string {
  const start = scrollLeft > 1;
  const end = scrollLeft + clientWidth < scrollWidth - 1;
  return start && end ? 'both' : start ? 'start' : end ? 'end' : '';
}

export function startNav(nav: HTMLElement | null): void {
  if (!nav) return;
  const mark = () => {
    nav.dataset.more = hiddenEnds(nav.scrollLeft, nav.clientWidth, nav.scrollWidth);
  };
  const current = nav.querySelector<HTMLElement>('[aria-current="page"]');
  if (current && nav.scrollWidth > nav.clientWidth) {
    const box = current.getBoundingClientRect();
    const navBox = nav.getBoundingClientRect();
    if (box.right > navBox.right || box.left < navBox.left) nav.scrollLeft += box.left - navBox.left - 16;
  }
  mark();
  nav.addEventListener('scroll', mark, { passive: true });
  addEventListener('resize', mark);
}
