// GitHub answers under load with partial data: some nodes `null`, an error pointing at each. Those
// nodes (and only those) are asked for again, alone, after a backoff.

import type { GithubClient } from './client.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Asks `attempt` again for the items in `failed` until none fail or the client's retries are spent.
 * `attempt` returns the items that failed again; a thrown error fails the whole round. Returns what is left.
 */
export async function retryFailed<T>(
  client: GithubClient,
  failed: Map<T, string>,
  attempt: (items: T[]) => Promise<Map<T, string>>,
  what: string,
  log: (line: string) => void,
): Promise<Map<T, string>> {
  for (let round = 0; failed.size > 0; round++) {
    const wait = client.partialRetryWait(round);
    if (wait === undefined) break;
    const [why] = failed.values();
    log(`GitHub: ${failed.size} ${what} answered with errors (${firstLine(why!)}); asking again for them alone in ${(wait / 1000).toFixed(1)} s`);
    client.stats.retries++;
    await sleep(wait);
    const items = [...failed.keys()];
    try {
      failed = await attempt(items);
    } catch (err) {
      const message = client.redact(err instanceof Error ? err.message : String(err));
      failed = new Map(items.map((i) => [i, message]));
    }
  }
  return failed;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]!;
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}
