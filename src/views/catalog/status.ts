// The one-line summary above the catalog table, announced to screen readers after each change.

import { formatCount } from '../count.ts';
import { PAGE_SIZE } from './query.ts';

export interface StatusInput {
  /** Matching entities. */
  matches: number;
  /** Rows on this page. */
  rows: number;
  page: number;
  /** Entities in the catalog. */
  total: number;
  /** Some filter is active. */
  filtered: boolean;
}

const entities = (n: number) => (n === 1 ? 'entity' : 'entities');

export function catalogStatus({ matches, rows, page, total, filtered }: StatusInput): string {
  if (matches === 0) return 'No entities match';
  if (rows === matches) {
    return filtered ? `${formatCount(matches)} of ${formatCount(total)} ${entities(total)} match` : `${formatCount(matches)} ${entities(matches)}`;
  }
  const first = (page - 1) * PAGE_SIZE + 1;
  const range = `${formatCount(first)}–${formatCount(first + rows - 1)}`;
  return `Showing ${range} of ${formatCount(matches)}${filtered ? ' matching' : ''} entities`;
}
