import { expect, it } from 'vitest';
import { bundlerThreads, siteChildEnv } from './child.ts';

it('keeps tokens out of the site process: the usual variables and the ones the config names', () => {
  const env = siteChildEnv({ PATH: '/bin', GITHUB_TOKEN: 'ghp_a', GH_TOKEN: 'ghp_b', ACME_PORTAL_TOKEN: 'ghp_c', HOME: '/root' }, ['ACME_PORTAL_TOKEN']);
  expect(env).toEqual({ PATH: '/bin', HOME: '/root', BACKLOT_SITE_CHILD: '1' });
});

it('gives the bundler one thread per pool on two cores, unless the environment says otherwise', () => {
  expect(bundlerThreads({}, 2)).toEqual({ TOKIO_WORKER_THREADS: '1', RAYON_NUM_THREADS: '1' });
  expect(bundlerThreads({ TOKIO_WORKER_THREADS: '4' }, 1)).toEqual({ TOKIO_WORKER_THREADS: '4', RAYON_NUM_THREADS: '1' });
  expect(bundlerThreads({}, 8)).toEqual({});
});
