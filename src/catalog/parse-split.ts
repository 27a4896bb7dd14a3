// Splits a catalog file at its document markers, so each document can be parsed on its own.
// Both parsers read an unclosed quote on through `---` to the end of the file: the documents after it
// were lost and the error was placed at the last line. A line that starts with `---` or `...` at
// column 0 (then a space, a tab or the line's end) is always a marker in YAML, even inside a block
// scalar or a quote; an indented one is text.

export interface FilePart {
  text: string;
  /** Lines of the file before this part: add it to the part's line numbers. */
  lineOffset: number;
}

/** The file in parts, each holding at most one document; directives (`%…`) go with the `---` after them. */
export function splitAtMarkers(text: string): FilePart[] {
  const parts: FilePart[] = [];
  let start = 0;
  let startLine = 0;
  // Where the run of directive lines just before the current line began.
  let directives: { at: number; line: number } | undefined;
  const cut = (at: number, line: number): void => {
    if (at > start) parts.push({ text: text.slice(start, at), lineOffset: startLine });
    start = at;
    startLine = line;
  };
  for (let pos = 0, line = 0; pos < text.length; line++) {
    const newline = text.indexOf('\n', pos);
    const end = newline < 0 ? text.length : newline + 1;
    if (isMarker(text, pos, '---')) {
      cut(directives?.at ?? pos, directives?.line ?? line);
    } else if (isMarker(text, pos, '...')) {
      cut(end, line + 1);
    }
    directives = text[pos] === '%' ? (directives ?? { at: pos, line }) : undefined;
    pos = end;
  }
  cut(text.length, 0);
  return parts;
}

function isMarker(text: string, pos: number, marker: string): boolean {
  if (!text.startsWith(marker, pos)) return false;
  const next = text[pos + 3];
  return next === undefined || next === ' ' || next === '\t' || next === '\r' || next === '\n';
}
