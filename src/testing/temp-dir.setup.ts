// Every test run's temporary files in one folder of the run's own, deleted when the run ends. Tests make their
// folders with mkdtemp(tmpdir()) and many did not remove them (about 190 folders a run were left in /tmp); with
// TMPDIR pointing here, os.tmpdir() gives this folder to every test process, CLI and browser the run starts.
// Both vitest projects list this file: the first to start makes the folder, the last to finish deletes it.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIR = 'BACKLOT_TEST_TMPDIR';
const USERS = 'BACKLOT_TEST_TMPDIR_USERS';

export default function setup(): () => void {
  if (!process.env[DIR]) {
    const dir = mkdtempSync(join(tmpdir(), 'backlot-test-run-'));
    process.env[DIR] = dir;
    process.env.BACKLOT_TEST_TMPDIR_BEFORE = process.env.TMPDIR ?? '';
    process.env.TMPDIR = dir;
  }
  process.env[USERS] = String(Number(process.env[USERS] ?? 0) + 1);
  return () => {
    const left = Number(process.env[USERS] ?? 1) - 1;
    process.env[USERS] = String(left);
    if (left > 0) return;
    const dir = process.env[DIR]!;
    const before = process.env.BACKLOT_TEST_TMPDIR_BEFORE;
    if (before) process.env.TMPDIR = before;
    else delete process.env.TMPDIR;
    for (const name of [DIR, USERS, 'BACKLOT_TEST_TMPDIR_BEFORE']) delete process.env[name];
    rmSync(dir, { recursive: true, force: true });
  };
}
