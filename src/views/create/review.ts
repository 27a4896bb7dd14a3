// The review step: every field's value as text, hidden or masked as `ui:backstage.review` (and password
// widgets) ask.

import type { FormField, TemplateForm } from './form.ts';
import { fieldActive, parseRepoUrlValue, type Values } from './values.ts';

export interface ReviewRow {
  name: string;
  label: string;
  value: string;
  masked: boolean;
}

export interface ReviewSection {
  title: string;
  rows: ReviewRow[];
}

export const NOT_SET = '—';

export function displayValue(field: FormField, value: unknown): string {
  if (value === undefined || value === null || value === '') return NOT_SET;
  // A picked entity reads as its picker choice (the person's or team's name, with the ref); typed values as written.
  const choices = field.options ?? (field.picker === 'EntityTagsPicker' ? undefined : field.choices);
  const label = (v: unknown) => choices?.find((o) => o.value === v)?.label ?? String(v);
  if (field.kind === 'repo-url') {
    const parts = parseRepoUrlValue(value);
    if (parts) return `${parts.owner}/${parts.repo} on ${parts.host}`;
  }
  if (typeof value === 'boolean' && !field.options) return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length ? value.map(label).join(', ') : NOT_SET;
  if (typeof value === 'object') return JSON.stringify(value);
  return label(value);
}

/** The shown pages' rows (`shown`: the indexes of the pages whose `when` holds; all when not given). */
export function reviewSections(form: TemplateForm, values: Values, shown?: ReadonlySet<number>): ReviewSection[] {
  return form.pages.filter((_, i) => !shown || shown.has(i)).map((page) => ({
    title: page.title,
    rows: page.fields
      .filter((f) => f.review.show && fieldActive(f, values))
      .map((f) => {
        const value = values[f.name];
        const masked = f.review.mask !== undefined && value !== undefined && value !== '';
        return { name: f.name, label: f.title, value: masked ? f.review.mask! : displayValue(f, value), masked };
      }),
  }));
}

/** Fields whose values should not be written into a public issue (passwords, masked on review). */
export function sensitiveFields(form: TemplateForm, values: Values): FormField[] {
  return form.pages.flatMap((p) => p.fields).filter((f) => (f.kind === 'password' || f.review.mask !== undefined) && values[f.name] !== undefined);
}
