// The always-available way to run a template: a `gh workflow run` command to paste into a POSIX shell.

import { SCAFFOLD_WORKFLOW } from './github.ts';
import type { Values } from './values.ts';

/** One shell word: bare when it is only safe characters, else single-quoted (a `'` becomes `'\''`). */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `gh workflow run scaffold.yml [--repo o/r] -f template=<ref> -f values='<json>'`, values as compact JSON. */
export function ghWorkflowCommand(repo: string | undefined, templateRef: string, values: Values): string {
  const words = ['gh', 'workflow', 'run', SCAFFOLD_WORKFLOW];
  if (repo) words.push('--repo', shellQuote(repo));
  words.push('-f', shellQuote(`template=${templateRef}`), '-f', `values=${shellQuote(JSON.stringify(values))}`);
  return words.join(' ');
}
