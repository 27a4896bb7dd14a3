// The user's GitHub token, for this browser tab only: sessionStorage, never localStorage, never a URL.

const KEY = 'backlot.github-token';
/** When sessionStorage refuses, the token lasts as long as this page. */
let memory: string | undefined;

function session(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function readToken(): string | undefined {
  try {
    return session()?.getItem(KEY) || memory;
  } catch {
    return memory;
  }
}

export function saveToken(token: string): void {
  memory = token;
  try {
    session()?.setItem(KEY, token);
  } catch {
    // kept in memory only
  }
}

export function forgetToken(): void {
  memory = undefined;
  try {
    session()?.removeItem(KEY);
  } catch {
    // nothing kept, nothing to forget
  }
}
