import { expect, it } from 'vitest';
import { bundlerThreads, keepsSecretsOut, siteChildEnv, tokenLikeNames } from './child.ts';

it('keeps tokens out of the site process: the usual variables and the ones the config names', () => {
  const env = siteChildEnv({ PATH: '/bin', GITHUB_TOKEN: 'ghp_a', GH_TOKEN: 'ghp_b', ACME_PORTAL_TOKEN: 'ghp_c', HOME: '/root' }, ['ACME_PORTAL_TOKEN']);
  expect(env).toEqual({ PATH: '/bin', HOME: '/root', BACKLOT_SITE_CHILD: '1' });
});

it('gives the bundler one thread per pool on two cores, unless the environment says otherwise', () => {
  expect(bundlerThreads({}, 2)).toEqual({ TOKIO_WORKER_THREADS: '1', RAYON_NUM_THREADS: '1' });
  expect(bundlerThreads({ TOKIO_WORKER_THREADS: '4' }, 1)).toEqual({ TOKIO_WORKER_THREADS: '4', RAYON_NUM_THREADS: '1' });
  expect(bundlerThreads({}, 8)).toEqual({});
});

it('forks an early child without token-like variables, and only lets it build when the config’s secrets are among them', () => {
  const env = { PATH: '/bin', GITHUB_TOKEN: 'a', NPM_AUTH: 'b', DB_PASSWORD: 'c', AWS_SECRET_ACCESS_KEY: 'd', SENTRY_API_KEY: 'e', MY_PRIVATE_KEY: 'f', HOME: '/root', LANG: 'C' };
  const removed = tokenLikeNames(env);
  expect(removed.sort()).toEqual(['AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', 'GITHUB_TOKEN', 'MY_PRIVATE_KEY', 'NPM_AUTH', 'SENTRY_API_KEY']);
  expect(keepsSecretsOut(new Set(removed), ['GITHUB_TOKEN', 'SENTRY_API_KEY'], env)).toBe(true);
  // A secret the config names that does not look like one: that child carries it, so another is forked.
  expect(keepsSecretsOut(new Set(removed), ['GITHUB_TOKEN', 'ACME_GH'], { ...env, ACME_GH: 'g' })).toBe(false);
  // Named but not set: nothing to carry.
  expect(keepsSecretsOut(new Set(removed), ['ACME_GH'], env)).toBe(true);
});
