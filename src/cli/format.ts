// Prints diagnostics as text (for people), JSON (for tools) or GitHub workflow commands (PR annotations).

import type { Diagnostic } from '../model/diagnostic.ts';

export type Format = 'text' | 'json' | 'github';

export interface FormatOptions {
  color: boolean;
  /** Path shown for a diagnostic's file (e.g. relative to the working directory). */
  pathOf: (d: Diagnostic) => string;
}

const paint = (on: boolean, code: string) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: Format, options: FormatOptions): string {
  if (format === 'json') return JSON.stringify(diagnostics, null, 2) + '\n';
  if (format === 'github') return diagnostics.map((d) => githubLine(d, options.pathOf(d))).join('');
  const red = paint(options.color, '31');
  const yellow = paint(options.color, '33');
  const dim = paint(options.color, '2');
  return diagnostics
    .map((d) => {
      const where = `${options.pathOf(d)}:${d.line}:${d.column}`;
      const sev = d.severity === 'error' ? red('error  ') : yellow('warning');
      const head = `${where}  ${sev}  ${dim(d.code)}  ${d.message}\n`;
      return d.hint ? `${head}    ${dim(`hint: ${d.hint}`)}\n` : head;
    })
    .join('');
}

/** `::error file=…,line=…,col=…,title=…::message` with GitHub's escaping rules. */
function githubLine(d: Diagnostic, file: string): string {
  const props = [`file=${escapeProperty(file)}`];
  if (d.line > 0) props.push(`line=${d.line}`, `col=${d.column}`);
  props.push(`title=${escapeProperty(`backlot ${d.code}`)}`);
  const text = d.hint ? `${d.message}\n${d.hint}` : d.message;
  return `::${d.severity} ${props.join(',')}::${escapeData(text)}\n`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function summarise(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) d.severity === 'error' ? errors++ : warnings++;
  return { errors, warnings };
}
