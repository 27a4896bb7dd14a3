// Test helpers for building the portal from the hand-written fixture model.

import { fileURLToPath } from 'node:url';

export { REPO_ROOT, buildSite } from '../build/build.ts';

export const FIXTURE_MODEL = fileURLToPath(new URL('../fixtures/model.json', import.meta.url));
