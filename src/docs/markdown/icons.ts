// Material's icon shortcodes (`:material-…:`, `:octicons-…-16:`, `:fontawesome-brands-…:`, `:simple-…:`),
// drawn as inline SVG from the icon sets' own npm packages, as Material's emoji `to_svg` does:
// `<span class="twemoji"><svg …></svg></span>`. The SVG comes from our dependencies, never from a page,
// so it is put in after sanitising.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Element, Root as HastRoot } from 'hast';
import type { Parent as MdParent, PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { emojiText, twemojiCode, twemojiSvg } from './twemoji.ts';

const require = createRequire(import.meta.url);

/** Shortcode prefix → folder of SVG files in a package. */
const SETS: Array<[RegExp, string, string]> = [
  [/^material-(.+)$/, '@mdi/svg', 'svg'],
  [/^octicons-(.+)$/, '@primer/octicons', 'build/svg'],
  [/^fontawesome-(brands|regular|solid)-(.+)$/, '@fortawesome/fontawesome-free', 'svgs'],
  [/^simple-(.+)$/, 'simple-icons', 'icons'],
];

const roots = new Map<string, string | null>();
function packageRoot(name: string): string | undefined {
  if (!roots.has(name)) {
    try {
      roots.set(name, dirname(require.resolve(`${name}/package.json`)));
    } catch {
      // simple-icons exports no package.json; its main file sits at the package root.
      try {
        roots.set(name, dirname(require.resolve(name)));
      } catch {
        roots.set(name, null);
      }
    }
  }
  return roots.get(name) ?? undefined;
}

const svgs = new Map<string, string | null>();

/** The SVG markup of an icon shortcode's name (`material-home`), or undefined when there is no such icon. */
export function iconSvg(name: string): string | undefined {
  // Only [a-z0-9-]: a name from a page (a raw span's data-icon) can never leave the icon folders.
  if (!/^[a-z0-9-]+$/.test(name)) return undefined;
  if (svgs.has(name)) return svgs.get(name) ?? undefined;
  let svg: string | null = null;
  for (const [pattern, pkg, folder] of SETS) {
    const m = pattern.exec(name);
    if (!m) continue;
    const root = packageRoot(pkg);
    const file = m[2] ? join(folder, m[1]!, `${m[2]}.svg`) : join(folder, `${m[1]}.svg`);
    if (root) {
      try {
        svg = readFileSync(join(root, file), 'utf8')
          .replace(/<\?xml[^>]*>|<!--[^]*?-->/g, '')
          // @mdi/svg gives every icon an id; the same icon twice on a page would repeat it.
          .replace(/^(<svg[^>]*?) id="[^"]*"/, '$1')
          .trim();
      } catch {
        svg = null;
      }
    }
    break;
  }
  svgs.set(name, svg);
  return svg ?? undefined;
}

const ICON = /:((?:material|octicons|fontawesome|simple)-[a-z0-9-]+):/g;
// pymdownx.emoji's shortcode pattern.
const SHORTCODE = /:([+\-\w]+):/g;
const EMOJI_PREFIX = 'twemoji:';

/**
 * Replaces icon shortcodes in text with placeholder spans (attr_list may then add classes to them);
 * with `twemoji`, emoji shortcodes of pymdownx's twemoji index too.
 */
export function markIcons(tree: Root, twemoji = false): void {
  visit(tree, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined || !node.value.includes(':')) return;
    const parts: PhrasingContent[] = [];
    let last = 0;
    for (const m of node.value.matchAll(twemoji ? SHORTCODE : ICON)) {
      const icon = iconSvg(m[1]!) ? m[1]! : twemoji && twemojiCode(m[1]!) ? `${EMOJI_PREFIX}${m[1]}` : undefined;
      if (!icon) continue;
      if (m.index > last) parts.push({ type: 'text', value: node.value.slice(last, m.index) });
      parts.push({ type: 'icon', data: { hName: 'span', hProperties: { className: ['twemoji'], dataIcon: icon } }, children: [] } as unknown as PhrasingContent);
      last = m.index + m[0].length;
    }
    if (parts.length === 0) return;
    if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
    (parent as MdParent).children.splice(index, 1, ...parts);
    return index + parts.length;
  });
}

/** After sanitising: fills the placeholder spans with the icons' SVG; true when it drew a Twemoji (CC-BY: credited). */
export function drawIcons(tree: HastRoot): boolean {
  let emoji = false;
  visit(tree, 'element', (node: Element) => {
    const name = node.properties.dataIcon;
    if (node.tagName !== 'span' || typeof name !== 'string') return;
    delete node.properties.dataIcon;
    if (name.startsWith(EMOJI_PREFIX)) {
      // As Material's twemoji `<img alt="😄" title=":smile:">`, drawn inline (no CDN).
      const shortcode = name.slice(EMOJI_PREFIX.length);
      const code = twemojiCode(shortcode);
      const svg = code ? twemojiSvg(code) : undefined;
      if (!code || !svg) return;
      node.properties.title = `:${shortcode}:`;
      node.children = [{ type: 'raw', value: svg.replace(/^<svg\b/, `<svg role="img" aria-label="${emojiText(code)}"`) } as never];
      emoji = true;
      return;
    }
    const svg = iconSvg(name);
    if (svg) node.children = [{ type: 'raw', value: svg } as never];
  });
  return emoji;
}
