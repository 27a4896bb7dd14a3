// A plugin component rendered on its own: its HTML with props escaped, or, when it throws, nothing (the plain card
// is shown) and one line on stderr naming the plugin, the component and the page.

import { createComponent, render } from 'astro/runtime/server/index.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pluginComponentHtml } from './plugin-component.ts';

afterEach(() => vi.restoreAllMocks());

describe('pluginComponentHtml', () => {
  it('renders a component with its props, escaped as Astro escapes any text', async () => {
    const Card = createComponent((_result: unknown, props: Record<string, unknown>) => render`<p class="state">${props.state}</p>`);
    expect(await pluginComponentHtml(Card, { state: '<img src=x onerror=alert(1)>' }, 'plugin "ci": component "state" on /a/')).toBe('<p class="state">&lt;img src=x onerror=alert(1)&gt;</p>');
  });

  it('gives undefined for a component that throws, and says which one where', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const Broken = createComponent(() => {
      throw new Error('no runs\nstack');
    });
    expect(await pluginComponentHtml(Broken, {}, 'plugin "ci": component "runs" on /catalog/default/component/a/')).toBeUndefined();
    expect(stderr).toHaveBeenCalledWith('Backlot: plugin "ci": component "runs" on /catalog/default/component/a/ threw: no runs; the plain card is shown\n');
  });
});
