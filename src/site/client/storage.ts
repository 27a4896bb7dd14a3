// localStorage that may be missing or refuse (private windows, locked-down browsers): reads fall back, writes are dropped.

export function browserStorage(): Storage | undefined {
  try {
    const storage = globalThis.localStorage;
    storage.getItem('backlot.probe');
    return storage;
  } catch {
    return undefined;
  }
}

export function readJson<T>(storage: Storage | undefined, key: string, fallback: T): T {
  try {
    const text = storage?.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function writeJson(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    if (value === undefined) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Quota or a refusing browser: the preference lasts for this page only.
  }
}
