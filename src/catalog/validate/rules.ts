// Backstage's field format rules (catalog-model KubernetesValidatorFunctions / CommonValidatorFunctions), as predicates.

const OBJECT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_LABEL = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const API_VERSION_SUFFIX = /^[a-z0-9A-Z]+$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

function lengthOk(value: string, max: number): boolean {
  return value.length >= 1 && value.length <= max;
}

/** Entity name, label value and the name part of label/annotation keys. */
export function isValidEntityName(value: string): boolean {
  return lengthOk(value, 63) && OBJECT_NAME.test(value);
}

/** A DNS label: lower-case; runs of hyphens are allowed (catalog-model ≥ 1.10). */
export function isValidDnsLabel(value: string): boolean {
  return lengthOk(value, 63) && DNS_LABEL.test(value);
}

export function isValidDnsSubdomain(value: string): boolean {
  return lengthOk(value, 253) && value.split('.').every(isValidDnsLabel);
}

export const isValidNamespace = isValidDnsLabel;

export function isValidKind(value: string): boolean {
  return lengthOk(value, 63) && KIND.test(value);
}

function isValidApiVersionSuffix(value: string): boolean {
  return lengthOk(value, 63) && API_VERSION_SUFFIX.test(value);
}

/** `[prefix/]suffix`, at most one `/`. */
function isValidPrefixed(value: string, prefix: (p: string) => boolean, suffix: (s: string) => boolean): boolean {
  const parts = value.split('/');
  if (parts.length === 1) return suffix(parts[0] as string);
  if (parts.length === 2) return prefix(parts[0] as string) && suffix(parts[1] as string);
  return false;
}

export function isValidApiVersion(value: string): boolean {
  return isValidPrefixed(value, isValidDnsSubdomain, isValidApiVersionSuffix);
}

export function isValidLabelKey(value: string): boolean {
  return isValidPrefixed(value, isValidDnsSubdomain, isValidEntityName);
}

export const isValidAnnotationKey = isValidLabelKey;

export function isValidLabelValue(value: string): boolean {
  return value === '' || isValidEntityName(value);
}

export function isValidTag(value: string): boolean {
  return lengthOk(value, 63) && TAG.test(value);
}

/** Backstage checks links with `new URL(value)`. */
export function isValidUrl(value: string): boolean {
  return URL.canParse(value);
}

export function isNonBlank(value: string): boolean {
  return value.trim() !== '';
}
