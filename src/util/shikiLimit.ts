// Shiki stops tokenizing a line after 500 ms by default; on a busy machine the first use of a grammar can take that
// long, and the line then loses its colours in one theme only (seen on an API definition page in a cold build at
// load average ~10). Pages must not depend on load: a limit only a pathological grammar/line pair gets near.
export const TOKENIZE_TIME_LIMIT_MS = 20_000;
