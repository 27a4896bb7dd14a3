// CODEOWNERS as GitHub reads it: the last rule whose pattern matches a path gives its owners. Patterns follow
// gitignore's rules (anchored with a leading or inner "/", "dir/" is everything under dir, "*" any name).

import picomatch from 'picomatch';

/** Where GitHub looks, in its order: the first that exists is used. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

export interface CodeownersRule {
  pattern: string;
  /** `@org/team`, `@user` or an email, as written. */
  owners: string[];
  /** 1-based line in the file. */
  line: number;
}

export interface Codeowners {
  path: string;
  rules: CodeownersRule[];
}

export function parseCodeowners(path: string, text: string): Codeowners {
  const rules: CodeownersRule[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const [pattern, ...owners] = line.split(/\s+/);
    rules.push({ pattern: pattern!, owners, line: i + 1 });
  });
  return { path, rules };
}

/** The first CODEOWNERS file a repo has, by GitHub's order. */
export function findCodeowners(file: (path: string) => string | undefined): Codeowners | undefined {
  for (const path of CODEOWNERS_PATHS) {
    const text = file(path);
    if (text !== undefined) return parseCodeowners(path, text);
  }
  return undefined;
}

const matchers = new WeakMap<CodeownersRule, (path: string) => boolean>();

function matcher(rule: CodeownersRule): (path: string) => boolean {
  let m = matchers.get(rule);
  if (m) return m;
  let p = rule.pattern;
  const dir = p.endsWith('/');
  p = p.replace(/\/+$/, '');
  const anchored = p.startsWith('/') || p.includes('/');
  p = p.replace(/^\/+/, '');
  const glob = anchored ? p : `**/${p}`;
  const test = picomatch(dir ? `${glob}/**` : [glob, `${glob}/**`], { dot: true });
  m = (path: string) => test(path.replace(/^\/+/, ''));
  matchers.set(rule, m);
  return m;
}

/** The rule that owns a repo-relative path (the last match), if any. */
export function ruleFor(codeowners: Codeowners, path: string): CodeownersRule | undefined {
  for (let i = codeowners.rules.length - 1; i >= 0; i--) {
    const rule = codeowners.rules[i]!;
    if (matcher(rule)(path)) return rule;
  }
  return undefined;
}

/** A CODEOWNERS owner as a catalog ref: `@org/team` → `group:default/team`, `@user` → `user:default/user`; emails none. */
export function ownerRef(owner: string): string | undefined {
  const m = /^@([^/\s]+)(?:\/([^\s]+))?$/.exec(owner);
  if (!m) return undefined;
  return m[2] ? `group:default/${m[2].toLowerCase()}` : `user:default/${m[1]!.toLowerCase()}`;
}
