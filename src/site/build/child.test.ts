import { expect, it } from 'vitest';
import { siteChildEnv } from './child.ts';

it('keeps tokens out of the site process: the usual variables and the ones the config names', () => {
  const env = siteChildEnv({ PATH: '/bin', GITHUB_TOKEN: 'ghp_a', GH_TOKEN: 'ghp_b', ACME_PORTAL_TOKEN: 'ghp_c', HOME: '/root' }, ['ACME_PORTAL_TOKEN']);
  expect(env).toEqual({ PATH: '/bin', HOME: '/root', BACKLOT_SITE_CHILD: '1' });
});
