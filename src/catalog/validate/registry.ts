// Which (apiVersion, kind) pairs are claimed, by a built-in kind schema and/or custom kinds; unknown pairs get one issue.

import { Ajv, type ValidateFunction } from 'ajv';
import type { CustomKindConfig } from '../../config/types.ts';
import { compileCustomKind } from './custom.ts';
import { formats } from './formats.ts';
import type { ValidationIssue } from './issue.ts';
import { addBacklotKeywords } from './keywords.ts';
import { entitySchema } from './schemas/envelope.ts';
import { builtinKinds } from './schemas/kinds.ts';

export interface Claim {
  kind: string;
  /** Envelope + metadata + the kind's spec; absent for purely custom kinds. */
  builtin?: ValidateFunction;
  /** Custom schemas for this pair, run in addition. */
  custom: ValidateFunction[];
}

export interface Registry {
  /** Envelope + metadata only, for custom and unknown kinds. */
  generic: ValidateFunction;
  claim(apiVersion: unknown, kind: unknown): Claim | undefined;
  /** Known kinds with their apiVersions, for hints. */
  known: Map<string, string[]>;
}

/** `make()` on the first call, its result after. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

function pairKey(apiVersion: string, kind: string): string {
  return `${apiVersion}\n${kind}`;
}

export function createRegistry(customKinds: readonly CustomKindConfig[] = []): Registry {
  // Our own schemas are checked against JSON Schema's meta-schema by schemas/kinds.test.ts, not in every build:
  // compiling the meta-schema took ~15 ms of a fresh process's CPU (more inside a build's busy CLI).
  const ajv = addBacklotKeywords(new Ajv({ allErrors: true, verbose: true, messages: false, allowUnionTypes: true, validateSchema: false }));
  const claims = new Map<string, Claim>();
  const known = new Map<string, string[]>();
  const remember = (kind: string, apiVersion: string) => {
    const versions = known.get(kind) ?? [];
    if (!versions.includes(apiVersion)) versions.push(apiVersion);
    known.set(kind, versions);
  };
  // Each kind's schema is compiled when the first entity of that kind is validated: compiling all ten took
  // ~120 ms of a one-repo build that has a Component or two.
  for (const def of builtinKinds) {
    const builtin = once(() => ajv.compile(entitySchema(def.spec, def.specRequired)));
    for (const apiVersion of def.apiVersions) {
      claims.set(pairKey(apiVersion, def.kind), {
        kind: def.kind,
        get builtin() {
          return builtin();
        },
        custom: [],
      });
      remember(def.kind, apiVersion);
    }
  }
  for (const custom of customKinds) {
    const validate = compileCustomKind(custom);
    const key = pairKey(custom.apiVersion, custom.kind);
    const claim = claims.get(key) ?? { kind: custom.kind, custom: [] };
    claim.custom.push(validate);
    claims.set(key, claim);
    remember(custom.kind, custom.apiVersion);
  }
  const generic = once(() => ajv.compile(entitySchema()));
  return {
    get generic() {
      return generic();
    },
    claim: (apiVersion, kind) =>
      typeof apiVersion === 'string' && typeof kind === 'string' ? claims.get(pairKey(apiVersion, kind)) : undefined,
    known,
  };
}

/** One issue for a well-formed kind/apiVersion pair nobody claims; malformed ones already have a format issue. */
export function unknownKindIssue(apiVersion: unknown, kind: unknown, known: Map<string, string[]>): ValidationIssue | undefined {
  if (typeof kind !== 'string' || !formats.kind.check(kind)) return undefined;
  if (typeof apiVersion !== 'string' || !formats.apiVersion.check(apiVersion)) return undefined;
  const message = `Unknown kind ${JSON.stringify(kind)} (apiVersion ${apiVersion})`;
  const versions = known.get(kind);
  if (versions) {
    return { code: 'unknown-kind', message, path: ['apiVersion'], hint: `${kind} needs apiVersion ${versions.join(' or ')}` };
  }
  const kinds = [...known.keys()];
  const sameButCase = kinds.find((k) => k.toLowerCase() === kind.toLowerCase());
  const hint = sameButCase
    ? `kinds are case-sensitive: did you mean "${sameButCase}"?`
    : `known kinds are ${kinds.join(', ')}; declare your own kind in backlot.config.yaml under catalog.kinds (apiVersion, kind and a JSON schema)`;
  return { code: 'unknown-kind', message, path: ['kind'], hint };
}
