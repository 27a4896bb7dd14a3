// The format rules as the validator's `backlotFormat` keyword uses them: a check, a noun for the message and a hint.

import {
  isNonBlank,
  isValidApiVersion,
  isValidDnsSubdomain,
  isValidEntityName,
  isValidKind,
  isValidLabelKey,
  isValidLabelValue,
  isValidNamespace,
  isValidTag,
  isValidUrl,
} from './rules.ts';

export type FormatName =
  | 'entityName'
  | 'namespace'
  | 'kind'
  | 'apiVersion'
  | 'labelKey'
  | 'labelValue'
  | 'annotationKey'
  | 'tag'
  | 'url'
  | 'nonBlank';

export interface FormatRule {
  check: (value: string) => boolean;
  /** `metadata.name "x" is not a valid <noun>`; absent for rules with their own wording (blank). */
  noun?: string;
  hint: (value: string) => string;
}

const NAME_RULE = 'use 1–63 characters a–z, A–Z, 0–9, "-", "_", "." that start and end with a letter or digit';
const NAMESPACE_RULE = 'use 1–63 lower-case letters, digits and "-" that start and end with a letter or digit';
const TAG_RULE = 'use 1–63 characters a–z, 0–9, ":", "+", "#", with single "-" between words';
const PREFIX_RULE = 'a lower-case DNS name such as "example.com" (at most 253 characters)';

/** Distinct characters of `value` that `allowed` rejects, quoted: `" ", "!"`. */
function badChars(value: string, allowed: RegExp): string {
  const bad = [...new Set([...value].filter((c) => !allowed.test(c)))];
  return bad.map((c) => JSON.stringify(c)).join(', ');
}

function tooLong(value: string, max: number): string | undefined {
  return value.length > max ? `it has ${value.length} characters; shorten it to at most ${max}` : undefined;
}

/** A close valid name, for "e.g." hints: bad runs become "-", ends trimmed. */
function suggestName(value: string): string | undefined {
  const s = value
    .replace(/[^-A-Za-z0-9_.]+/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return s && isValidEntityName(s) ? s : undefined;
}

function withExample(rule: string, example: string | undefined): string {
  return example ? `${rule}, e.g. "${example}"` : rule;
}

function nameHint(value: string): string {
  if (value === '') return NAME_RULE;
  const long = tooLong(value, 63);
  if (long) return long;
  const bad = badChars(value, /[-A-Za-z0-9_.]/);
  if (bad) return withExample(`${bad} ${bad.includes(',') ? 'are' : 'is'} not allowed; ${NAME_RULE}`, suggestName(value));
  return withExample('it must start and end with a letter or digit', suggestName(value));
}

function namespaceHint(value: string): string {
  const lower = value.toLowerCase();
  if (lower !== value && isValidNamespace(lower)) return `namespaces are lower-case: use "${lower}"`;
  const long = tooLong(value, 63);
  if (long) return long;
  const s = lower
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return withExample(NAMESPACE_RULE, s && isValidNamespace(s) ? s : undefined);
}

function prefixedHint(value: string, nameHintFor: (name: string) => string, example: string): string {
  const parts = value.split('/');
  if (parts.length > 2) return `use at most one "/": [prefix/]name, e.g. "${example}"`;
  if (parts.length === 2) {
    const [prefix, name] = parts as [string, string];
    if (!isValidDnsSubdomain(prefix)) {
      if (prefix.length > 253) return `the prefix has ${prefix.length} characters; it must be ${PREFIX_RULE}`;
      const lower = prefix.toLowerCase();
      if (lower !== prefix && isValidDnsSubdomain(lower)) return `the prefix must be lower-case: "${lower}/${name}"`;
      return `the prefix "${prefix}" must be ${PREFIX_RULE}`;
    }
    return `the part after "/": ${nameHintFor(name)}`;
  }
  return `${nameHintFor(value)} (optionally after a prefix such as "example.com/")`;
}

function tagHint(value: string): string {
  if (value === '') return TAG_RULE;
  const lower = value.toLowerCase();
  if (lower !== value && isValidTag(lower)) return `tags are lower-case: use "${lower}"`;
  const long = tooLong(value, 63);
  if (long) return long;
  const bad = badChars(lower, /[-a-z0-9:+#]/);
  const fixed = lower.replace(/[^-a-z0-9:+#]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 63);
  const example = fixed !== value && isValidTag(fixed) ? fixed : undefined;
  if (bad) return withExample(`${bad} ${bad.includes(',') ? 'are' : 'is'} not allowed in tags; ${TAG_RULE}`, example);
  if (lower !== value) return withExample(`tags are lower-case; ${TAG_RULE}`, example);
  return withExample('hyphens go between words: none at the start or end and never two in a row', example);
}

function apiVersionHint(value: string): string {
  const parts = value.split('/');
  const base = 'use "<group>/<version>", e.g. "backstage.io/v1alpha1": a lower-case DNS name, "/", then 1–63 letters and digits';
  if (parts.length > 2) return `use at most one "/"; ${base}`;
  if (parts.length === 2 && !isValidDnsSubdomain(parts[0] as string)) {
    const lower = (parts[0] as string).toLowerCase();
    if (isValidDnsSubdomain(lower)) return `the group must be lower-case: "${lower}/${parts[1]}"`;
  }
  return base;
}

function urlHint(value: string): string {
  const trimmed = value.trim();
  if (/^[\w-]+(\.[\w-]+)+(\/|$)/.test(trimmed)) return `add the scheme: "https://${trimmed}"`;
  return 'use an absolute URL with a scheme, e.g. "https://example.com/runbook"';
}

export const formats: Record<FormatName, FormatRule> = {
  entityName: { check: isValidEntityName, noun: 'name', hint: nameHint },
  namespace: { check: isValidNamespace, noun: 'namespace', hint: namespaceHint },
  kind: {
    check: isValidKind,
    noun: 'kind',
    hint: (v) => tooLong(v, 63) ?? 'use 1–63 letters and digits that start with a letter, e.g. "Component"',
  },
  apiVersion: { check: isValidApiVersion, noun: 'apiVersion', hint: apiVersionHint },
  labelKey: { check: isValidLabelKey, noun: 'label key', hint: (v) => prefixedHint(v, nameHint, 'example.com/tier') },
  labelValue: {
    check: isValidLabelValue,
    noun: 'label value',
    hint: (v) => `a label value is empty or follows the name rule: ${nameHint(v)}`,
  },
  annotationKey: {
    check: isValidLabelKey,
    noun: 'annotation key',
    hint: (v) => prefixedHint(v, nameHint, 'example.com/owner-email'),
  },
  tag: { check: isValidTag, noun: 'tag', hint: tagHint },
  url: { check: isValidUrl, noun: 'URL', hint: urlHint },
  nonBlank: { check: isNonBlank, hint: () => 'write some text, or remove the field' },
};

export function isFormatName(name: unknown): name is FormatName {
  return typeof name === 'string' && Object.hasOwn(formats, name);
}
