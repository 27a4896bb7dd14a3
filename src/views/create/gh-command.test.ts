import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ghWorkflowCommand, shellQuote } from './gh-command.ts';

/** What a POSIX shell makes of a command line: its words, as the program would receive them. */
function shellWords(line: string): string[] {
  const out = execFileSync('sh', ['-c', `set -- ${line}; for w in "$@"; do printf '%s\\0' "$w"; done`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  it('leaves safe words bare and single-quotes the rest', () => {
    expect(shellQuote('template=template:default/node-service')).toBe('template=template:default/node-service');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it('survives the shell unchanged, whatever the text', () => {
    const nasty = ['$(touch /tmp/pwned)', '`id`', "it's \"quoted\"", 'a\nb', '\\', '!', '*', '$HOME', ';', '&&', '|', '#x', '~', 'é ✓'];
    expect(shellWords(nasty.map(shellQuote).join(' '))).toEqual(nasty);
  });
});

describe('ghWorkflowCommand', () => {
  it('runs the scaffold workflow in the portal repo with the template and the values as JSON', () => {
    const values = { name: 'pickup', description: "Bob's $(rm -rf ~) `service`", port: 8080, tags: ['a'] };
    const line = ghWorkflowCommand('kestrel-freight/portal', 'template:default/node-service', values);
    expect(line).toBe(
      `gh workflow run scaffold.yml --repo kestrel-freight/portal -f template=template:default/node-service -f values='{"name":"pickup","description":"Bob'\\''s $(rm -rf ~) \`service\`","port":8080,"tags":["a"]}'`,
    );
    const words = shellWords(line);
    expect(words.slice(0, 8)).toEqual(['gh', 'workflow', 'run', 'scaffold.yml', '--repo', 'kestrel-freight/portal', '-f', 'template=template:default/node-service']);
    expect(words[8]).toBe('-f');
    expect(JSON.parse(words[9]!.replace(/^values=/, ''))).toEqual(values);
  });

  it('leaves out --repo when the portal repo is not configured (gh then uses the current folder’s repo)', () => {
    expect(ghWorkflowCommand(undefined, 'template:default/x', {})).toBe("gh workflow run scaffold.yml -f template=template:default/x -f values='{}'");
  });
});
