import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load.ts';
import { allowedTeamsFor, checkAuthor } from './access.ts';
import type { GithubApi } from './github.ts';
import { codeBlock, handleIssue, parseIssueBody, type IssueEvent } from './issue.ts';

const body = (ref: string, values: string) => `### Template\n\n${ref}\n\n### Values\n\n\`\`\`json\n${values}\n\`\`\`\n`;

describe('parseIssueBody', () => {
  it("reads the issue form's template ref and fenced JSON values", () => {
    expect(parseIssueBody(body('template:default/node-service', '{\n  "name": "a",\n  "port": 8080\n}'))).toEqual({
      ok: true,
      templateRef: 'template:default/node-service',
      values: { name: 'a', port: 8080 },
    });
  });

  it('accepts a short ref, CRLF line ends and unfenced values', () => {
    expect(parseIssueBody('### Template\r\n\r\nnode-service\r\n\r\n### Values\r\n\r\n{"a": 1}\r\n')).toEqual({
      ok: true,
      templateRef: 'template:default/node-service',
      values: { a: 1 },
    });
  });

  it('treats an empty values field as no values', () => {
    expect(parseIssueBody('### Template\n\nnode-service\n\n### Values\n\n_No response_')).toMatchObject({ ok: true, values: {} });
  });

  it('says what is wrong with a request it cannot read', () => {
    expect(parseIssueBody('hello')).toEqual({ ok: false, error: 'the "Template" field is empty' });
    expect(parseIssueBody(body('node-service', '{"a": '))).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
    // Anything that is not plainly a ref is refused, since refs are echoed in comments.
    for (const ref of ['node-service` @everyone', 'template:default/x y', '[x](https://evil)']) {
      expect(parseIssueBody(body(ref, '{}')), ref).toMatchObject({ ok: false, error: expect.stringContaining('not a template reference') });
    }
  });
});

describe('codeBlock', () => {
  it('cannot be closed early by the text inside', () => {
    expect(codeBlock('a\n~~~\n@everyone')).toBe('~~~text\na\n~~\n@everyone\n~~~');
  });
});

/** A fake GitHub answering membership and recording writes. */
function fakeGithub(members: string[], teams: Record<string, string[]> = {}) {
  const writes: Array<{ route: string; params: Record<string, unknown> }> = [];
  const gh: GithubApi = {
    async request(route, params = {}) {
      if (route.startsWith('GET /orgs/{org}/members/')) {
        if (members.includes(String(params.username))) return { status: 204, data: undefined as never };
        throw Object.assign(new Error('Not Found'), { status: 404 });
      }
      if (route.startsWith('GET /orgs/{org}/teams/')) {
        if (teams[String(params.team_slug)]?.includes(String(params.username))) return { status: 200, data: { state: 'active' } as never };
        throw Object.assign(new Error('Not Found'), { status: 404 });
      }
      writes.push({ route, params });
      return { status: 201, data: {} as never };
    },
  };
  return { gh, writes };
}

describe('checkAuthor and allowedTeamsFor', () => {
  it('needs org membership, and one of the listed teams when there are any', async () => {
    const { gh } = fakeGithub(['ann', 'ben'], { web: ['ann'] });
    expect(await checkAuthor(gh, 'acme', 'ann', [])).toEqual({ allowed: true, teams: [] });
    expect(await checkAuthor(gh, 'acme', 'ann', ['api', 'web'])).toEqual({ allowed: true, teams: ['web'] });
    expect(await checkAuthor(gh, 'acme', 'ben', ['web'])).toMatchObject({ allowed: false, reason: expect.stringContaining('@ben is in none of them') });
    expect(await checkAuthor(gh, 'acme', 'eve', [])).toEqual({ allowed: false, reason: '@eve is not a member of the acme organisation' });
  });

  it("reads the config's scaffold section, matching refs in any spelling", () => {
    const config = parseConfig(
      'scaffold:\n  allowedTeams: [everyone]\n  templates:\n    node-service:\n      allowedTeams: [platform]\n',
      '/org/backlot.config.yaml',
    );
    expect(config.scaffold).toEqual({ allowedTeams: ['everyone'], templates: { 'node-service': { allowedTeams: ['platform'] } } });
    expect(allowedTeamsFor(config.scaffold, 'Template:default/node-service')).toEqual(['platform']);
    expect(allowedTeamsFor(config.scaffold, 'template:default/docs-site')).toEqual(['everyone']);
    expect(allowedTeamsFor(undefined, 'template:default/docs-site')).toEqual([]);
    expect(() => parseConfig('scaffold:\n  portalRepo: not a repo\n', '/org/backlot.config.yaml')).toThrow(/portalRepo/);
  });
});

describe('handleIssue', () => {
  const event = (login: string, text: string, extra: Partial<IssueEvent['issue']> = {}): IssueEvent => ({
    issue: { number: 3, body: text, user: { login }, ...extra },
    repository: { full_name: 'acme/portal', owner: { login: 'acme' } },
  });

  it('does nothing for a pull request', async () => {
    const { gh, writes } = fakeGithub(['ann']);
    const code = await handleIssue({ event: event('ann', body('x', '{}'), { pull_request: {} }), gh, run: async () => ({ markdown: '' }), log: () => {} });
    expect(code).toBe(0);
    expect(writes).toEqual([]);
  });

  it('runs for the author with the parsed values and does not run for others', async () => {
    const { gh, writes } = fakeGithub(['ann']);
    const calls: unknown[] = [];
    const run = async (ref: string, values: unknown, login: string) => {
      calls.push([ref, values, login]);
      return { markdown: '- [Repo](<https://x>)' };
    };
    expect(await handleIssue({ event: event('ann', body('node-service', '{"n": 1}')), gh, run, log: () => {} })).toBe(0);
    expect(calls).toEqual([['template:default/node-service', { n: 1 }, 'ann']]);
    expect(writes.at(-1)).toEqual({
      route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      params: { owner: 'acme', repo: 'portal', issue_number: 3, state: 'closed', state_reason: 'completed' },
    });
    expect(await handleIssue({ event: event('eve', body('node-service', '{}')), gh, run, log: () => {} })).toBe(1);
    expect(calls).toHaveLength(1);
  });
});
