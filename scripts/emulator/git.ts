// Real git object ids for fixture files, so commits change exactly when content does.

import { createHash } from 'node:crypto';

export interface GitBlob {
  type: 'blob';
  oid: string;
  bytes: Uint8Array;
}

export interface GitTreeEntry {
  name: string;
  /** `100644` for files, `100755` for executable files, `40000` for folders. */
  mode: string;
  type: 'blob' | 'tree';
  oid: string;
}

export interface GitTree {
  type: 'tree';
  oid: string;
  entries: GitTreeEntry[];
}

export interface GitCommit {
  type: 'commit';
  oid: string;
  tree: string;
}

export type GitObject = GitBlob | GitTree | GitCommit;

const encoder = new TextEncoder();

function hashObject(type: string, body: Uint8Array): string {
  return createHash('sha1').update(`${type} ${body.byteLength}\0`).update(body).digest('hex');
}

export function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

/** Builds blobs, trees and a commit for one branch's files into `objects`; returns the commit. */
export function commitFiles(
  files: Record<string, string | Uint8Array>,
  message: string,
  objects: Map<string, GitObject>,
  executables: ReadonlySet<string> = new Set(),
): GitCommit {
  interface Dir {
    dirs: Map<string, Dir>;
    /** Name → blob id and mode. */
    files: Map<string, [string, string]>;
  }
  const root: Dir = { dirs: new Map(), files: new Map() };
  for (const [path, data] of Object.entries(files)) {
    const parts = path.split('/').filter(Boolean);
    const name = parts.pop();
    if (!name) continue;
    let dir = root;
    for (const p of parts) {
      let next = dir.dirs.get(p);
      if (!next) dir.dirs.set(p, (next = { dirs: new Map(), files: new Map() }));
      dir = next;
    }
    const bytes = toBytes(data);
    const oid = hashObject('blob', bytes);
    objects.set(oid, { type: 'blob', oid, bytes });
    dir.files.set(name, [oid, executables.has(path) ? '100755' : '100644']);
  }

  function writeTree(dir: Dir): string {
    const entries: GitTreeEntry[] = [
      ...[...dir.files].map(([name, [oid, mode]]) => ({ name, mode, type: 'blob' as const, oid })),
      ...[...dir.dirs].map(([name, sub]) => ({ name, mode: '40000', type: 'tree' as const, oid: writeTree(sub) })),
    ];
    // Git's order: folders compare as if their name ended in "/".
    const key = (e: GitTreeEntry) => (e.type === 'tree' ? `${e.name}/` : e.name);
    entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const chunks: Uint8Array[] = [];
    for (const e of entries) {
      chunks.push(encoder.encode(`${e.mode} ${e.name}\0`), Buffer.from(e.oid, 'hex'));
    }
    const oid = hashObject('tree', Buffer.concat(chunks));
    objects.set(oid, { type: 'tree', oid, entries });
    return oid;
  }

  const tree = writeTree(root);
  const body = encoder.encode(`tree ${tree}\nauthor Emulator <emulator@example.com> 0 +0000\ncommitter Emulator <emulator@example.com> 0 +0000\n\n${message}\n`);
  const oid = hashObject('commit', body);
  const commit: GitCommit = { type: 'commit', oid, tree };
  objects.set(oid, commit);
  return commit;
}
