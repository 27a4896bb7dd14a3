// pymdownx.emoji's twemoji index, the one techdocs-core and Material use: every shortcode JoyPixels names
// (emoji-toolkit's emoji.json, names and alternates) whose emoji Twemoji 16 draws (@discordapp/twemoji's SVG files), matched by
// code points as pymdownx's generator matches them (leading zeros, FE0F ignored), plus the few it adds.
// Built once, on the first page with a shortcode that is not an icon (50–180 ms, measured).

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** pymdownx adds these, which JoyPixels lacks (its typo'd `woman_leviate_tone…` names included). */
const EXTRA: Record<string, string> = {
  shibuya: 'e50a',
  woman_levitate: '1f574-fe0f-200d-2640-fe0f',
  woman_levitate_tone1: '1f574-1f3fb-200d-2640-fe0f',
  woman_leviate_tone2: '1f574-1f3fc-200d-2640-fe0f',
  woman_leviate_tone3: '1f574-1f3fd-200d-2640-fe0f',
  woman_leviate_tone4: '1f574-1f3fe-200d-2640-fe0f',
  woman_leviate_tone5: '1f574-1f3ff-200d-2640-fe0f',
  man_in_santa_hat: '1f468-200d-1f384',
  woman_in_santa_hat: '1f469-200d-1f384',
};
const TONES = ['1f3fb', '1f3fc', '1f3fd', '1f3fe', '1f3ff'];
TONES.forEach((tone, i) => {
  EXTRA[`skier_tone${i + 1}`] = `26f7-${tone}`;
  EXTRA[`man_in_santa_hat_tone${i + 1}`] = `1f468-${tone}-200d-1f384`;
  EXTRA[`woman_in_santa_hat_tone${i + 1}`] = `1f469-${tone}-200d-1f384`;
});

interface JoyPixelsEntry {
  shortname: string;
  shortname_alternates?: string[];
  code_points: { fully_qualified: string };
}

let index: Map<string, string> | undefined;
let svgDir = '';

const key = (code: string) => {
  const parts = code.toLowerCase().split('-');
  parts[0] = parts[0]!.padStart(4, '0');
  return parts.filter((p) => p !== 'fe0f').join('-');
};

/** Shortcode name (no colons) → Twemoji file name (no `.svg`). */
function twemojiIndex(): Map<string, string> {
  if (index) return index;
  index = new Map();
  svgDir = join(dirname(require.resolve('@discordapp/twemoji/package.json')), 'dist', 'svg');
  const files = new Map<string, string>();
  for (const f of readdirSync(svgDir)) if (f.endsWith('.svg')) files.set(key(f.slice(0, -4)), f.slice(0, -4));
  const db = JSON.parse(readFileSync(join(dirname(require.resolve('emoji-toolkit/package.json')), 'emoji.json'), 'utf8')) as Record<string, JoyPixelsEntry>;
  for (const entry of Object.values(db)) {
    const file = files.get(key(entry.code_points.fully_qualified));
    if (!file) continue;
    for (const name of [entry.shortname, ...(entry.shortname_alternates ?? [])]) index.set(name.replace(/^:|:$/g, ''), file);
  }
  for (const [name, code] of Object.entries(EXTRA)) if (!index.has(name) && files.has(key(code))) index.set(name, files.get(key(code))!);
  return index;
}

/** The Twemoji file of a shortcode's name (`smile`, `+1`, `flag_us`), or undefined. */
export function twemojiCode(name: string): string | undefined {
  return twemojiIndex().get(name);
}

/** How many shortcodes the index knows (for tests and figures). */
export function twemojiCount(): number {
  return twemojiIndex().size;
}

const svgs = new Map<string, string | null>();

/** The SVG markup of a Twemoji file name as twemojiCode gives it. */
export function twemojiSvg(code: string): string | undefined {
  if (!/^[0-9a-f]+(-[0-9a-f]+)*$/.test(code)) return undefined;
  if (!svgs.has(code)) {
    twemojiIndex();
    try {
      svgs.set(code, readFileSync(join(svgDir, `${code}.svg`), 'utf8').trim());
    } catch {
      svgs.set(code, null);
    }
  }
  return svgs.get(code) ?? undefined;
}

/** The emoji itself, from its file name's code points (the alt text, as pymdownx writes it). */
export function emojiText(code: string): string {
  return String.fromCodePoint(...code.split('-').map((h) => parseInt(h, 16)));
}
