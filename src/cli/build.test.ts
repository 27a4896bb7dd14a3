import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load.ts';
import { siteChildEnv } from '../site/build/child.ts';
import { secretEnvNames } from './build.ts';

describe('secretEnvNames', () => {
  it('keeps the crawl’s token and every plugin’s env variables out of the site child', () => {
    const config = parseConfig(
      'sources:\n  - type: github\n    org: acme\n    token: { env: ACME_TOKEN }\nplugins:\n  - module: ./a.ts\n    env: [PD_TOKEN, SENTRY_TOKEN]\n',
      '/portal/backlot.config.yaml',
    );
    expect(secretEnvNames(config)).toEqual(['ACME_TOKEN', 'PD_TOKEN', 'SENTRY_TOKEN']);
    const env = siteChildEnv({ PATH: '/bin', ACME_TOKEN: 'a', PD_TOKEN: 'b', SENTRY_TOKEN: 'c' }, secretEnvNames(config));
    expect(Object.keys(env).sort()).toEqual(['BACKLOT_SITE_CHILD', 'PATH']);
  });
});
