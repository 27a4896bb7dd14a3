// `${{ secrets.X }}` in a template's steps: the Actions secrets the scaffold workflow passes (as
// `BACKLOT_SECRET_<NAME>` env vars), given only to a template that declares it needs them, and never shown:
// every value is masked in the log, the outputs, the effects and the errors (so in the issue comment too).

import type { Entity } from '../model/entity.ts';

/** The annotation a template lists the secrets it needs in: `backlot.io/secrets: NPM_TOKEN, SONAR_TOKEN`. */
export const ANNOTATION_SECRETS = 'backlot.io/secrets';
export const SECRET_ENV_PREFIX = 'BACKLOT_SECRET_';
export const MASK = '***';

export function declaredSecrets(entity: Entity): string[] {
  const value = entity.metadata.annotations?.[ANNOTATION_SECRETS];
  return typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];
}

/** `BACKLOT_SECRET_NPM_TOKEN=…` → `{ NPM_TOKEN: … }`; empty values (a secret not set in the repo) are left out. */
export function secretsFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(SECRET_ENV_PREFIX) && key.length > SECRET_ENV_PREFIX.length && value) out[key.slice(SECRET_ENV_PREFIX.length)] = value;
  }
  return out;
}

/** Names read as `secrets.NAME` or `secrets['NAME']` in any string inside `value` (a template's steps and output). */
export function referencedSecrets(value: unknown, names = new Set<string>()): string[] {
  if (Array.isArray(value)) value.forEach((v) => referencedSecrets(v, names));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => referencedSecrets(v, names));
  else if (typeof value === 'string') {
    for (const m of value.matchAll(/\bsecrets\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)) names.add(m[1] ?? m[2]!);
  }
  return [...names].sort();
}

/**
 * Replaces every secret value in a text: as given, JSON-escaped (inside rendered JSON) and, for a multi-line
 * secret, each of its lines, as GitHub masks them. Values under 4 characters are left alone (they would mask
 * ordinary words), as are empty ones.
 */
export function createRedactor(values: readonly string[]): (text: string) => string {
  const needles = new Set<string>();
  for (const value of values) {
    for (const form of [value, JSON.stringify(value).slice(1, -1), ...value.split(/\r?\n/)]) if (form.trim().length >= 4) needles.add(form);
  }
  // Longest first, so a value that contains another is masked whole.
  const sorted = [...needles].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return (text) => text;
  return (text) => sorted.reduce((out, needle) => out.split(needle).join(MASK), text);
}

/** `redact` applied to every string inside `value`, keys included. */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactDeep(v, redact)])) as T;
  }
  return value;
}
