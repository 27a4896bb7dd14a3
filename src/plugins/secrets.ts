// Tokens a plugin reads from its env variables never reach the site, logs or cache: anything a plugin hands back
// is checked for their values before it is kept, and messages are redacted.

/** The values of the env variables a plugin may read (short ones would match by chance, so only 6+ chars). */
export function secretValues(env: Readonly<Record<string, string | undefined>>): Array<{ name: string; value: string }> {
  return Object.entries(env).flatMap(([name, value]) => (value && value.length >= 6 ? [{ name, value }] : []));
}

/** The env variable whose value `data` holds anywhere (as JSON), if any. */
export function leakedSecret(data: unknown, secrets: ReadonlyArray<{ name: string; value: string }>): string | undefined {
  if (secrets.length === 0 || data === undefined) return undefined;
  let text: string;
  try {
    text = JSON.stringify(data) ?? '';
  } catch {
    text = String(data);
  }
  // JSON escapes some characters, so both the raw and the escaped value are looked for.
  return secrets.find((s) => text.includes(s.value) || text.includes(JSON.stringify(s.value).slice(1, -1)))?.name;
}

export function redact(text: string, secrets: ReadonlyArray<{ name: string; value: string }>): string {
  return secrets.reduce((t, s) => t.split(s.value).join(`<${s.name}>`), text);
}
