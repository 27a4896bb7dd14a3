import { describe, expect, it } from 'vitest';
import { parseRepoUrl } from './filters.ts';
import { createTemplating, shimStringMethods, TemplateError } from './templating.ts';

const t = createTemplating();
const render = (value: unknown, context: Record<string, unknown> = {}) => t.renderValue(value, context, 'input.x');

describe('the templating sandbox', () => {
  it('cannot reach the process: globals are simply not there', () => {
    expect(render('${{ process }}|${{ process.env.HOME }}|${{ globalThis }}|${{ require }}')).toBe('|||');
    expect(render('${{ process.env.PATH }}')).toBeUndefined();
  });

  it('refuses constructor escapes instead of running them', () => {
    for (const escape of [
      "${{ ''.constructor.constructor('return process')() }}",
      '${{ parameters.constructor }}',
      "${{ parameters['constructor']['constructor']('return 1')() }}",
      '${{ parameters.__proto__ }}',
      "${{ [].map.constructor('return process')() }}",
    ]) {
      expect(() => render(escape, { parameters: { name: 'x' } }), escape).toThrow(TemplateError);
    }
  });

  it('cannot read files: include, import and extends are not supported', () => {
    for (const source of ["{% include '/etc/passwd' %}", "{% import '/etc/passwd' as p %}", "{% extends '/etc/passwd' %}"]) {
      expect(() => t.renderFile(source, {}, 'file x'), source).toThrow(/template-loading|Unsupported/);
    }
  });

  it('fails on an unknown filter, naming where and the expression', () => {
    let error: unknown;
    try {
      render('${{ parameters.name | shout }}', { parameters: { name: 'x' } });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as Error).message).toContain('input.x');
    expect((error as Error).message).toContain('${{ parameters.name | shout }}');
    expect((error as Error).message).toContain('Unknown template filter "shout"');
  });

  it('lists unknown filters before anything runs, ignoring pipes inside string literals', () => {
    expect(t.unknownFilters(["${{ a | lower | shout }}", "${{ 'x|nope' | replace('|', '-') }}", '{% if a | yell %}y{% endif %}'])).toEqual([
      'shout',
      'yell',
    ]);
    expect(t.unknownFilters(['${{ parameters.repoUrl | parseRepoUrl | pick("owner") }}', '${{ x | projectSlug }}'])).toEqual([]);
  });
});

describe('rendering values', () => {
  const context = { parameters: { port: 8080, tags: ['a', 'b'], flag: false, name: '123', owner: 'group:default/payments' } };

  it('keeps the type when the whole string is a single expression', () => {
    expect(render('${{ parameters.port }}', context)).toBe(8080);
    expect(render('${{ parameters.tags }}', context)).toEqual(['a', 'b']);
    expect(render('${{ parameters.flag }}', context)).toBe(false);
    expect(render('${{ parameters }}', context)).toEqual(context.parameters);
    // A string stays a string even when it looks like a number.
    expect(render('${{ parameters.name }}', context)).toBe('123');
  });

  it('renders text around expressions as text, and walks objects and lists', () => {
    expect(render('port ${{ parameters.port }}', context)).toBe('port 8080');
    expect(render({ a: ['${{ parameters.port }}', 'x'], b: { c: '${{ parameters.tags | join("-") }}' } }, context)).toEqual({
      a: [8080, 'x'],
      b: { c: 'a-b' },
    });
  });

  it('returns ordinary objects, not frozen prototype-less ones', () => {
    const value = render('${{ parameters }}', context) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.isFrozen(value)).toBe(false);
  });

  it('drops keys whose expression renders to nothing', () => {
    expect(render({ a: '${{ parameters.missing }}', b: 1 }, context)).toEqual({ b: 1 });
  });

  it("has Backstage's filters", () => {
    expect(render('${{ parameters.owner | parseEntityRef | pick("name") }}', context)).toBe('payments');
    expect(render('${{ "payments" | parseEntityRef({ defaultKind: "group" }) }}', context)).toEqual({
      kind: 'group',
      namespace: 'default',
      name: 'payments',
    });
    expect(render('${{ "github.com?owner=acme&repo=api" | parseRepoUrl }}')).toEqual({ host: 'github.com', owner: 'acme', repo: 'api' });
    expect(render('${{ "github.com?owner=acme&repo=api" | projectSlug }}')).toBe('acme/api');
    expect(render('${{ nested | pick("a.b") }}', { nested: { a: { b: 1 } } })).toBe(1);
    expect(render('${{ "Hello World" | lower | replace(" ", "-") }}')).toBe('hello-world');
  });

  it('reports a filter that throws as a render error', () => {
    expect(() => render('${{ "no-query" | parseRepoUrl }}')).toThrow(/Invalid repo URL/);
  });
});

describe('parseRepoUrl', () => {
  it('needs a repo and an owner', () => {
    expect(parseRepoUrl('ghe.example.com?owner=o&repo=r')).toEqual({ host: 'ghe.example.com', owner: 'o', repo: 'r' });
    expect(() => parseRepoUrl('github.com?owner=o')).toThrow();
    expect(() => parseRepoUrl('github.com?repo=r')).toThrow();
  });
});

describe('file templates', () => {
  it('render with values, regexes allowed, and cookiecutter delimiters when asked', () => {
    expect(t.renderFile("${{ values.name | replace(r/-/g, '_') }}", { values: { name: 'a-b' } }, 'f')).toBe('a_b');
    expect(t.renderFile('{{ cookiecutter.name }} ${{ x }}', { cookiecutter: { name: 'n' } }, 'f', { cookiecutterCompat: true })).toBe('n $');
  });
});

describe('string methods Backstage templates call', () => {
  it('runs x.replaceAll(a, b) as Nunjucks does, in values and files, leaving string literals and plain text alone', () => {
    const context = { values: { envs: 'dev,test,prod', name: 'a.b' } };
    expect(render("${{ values.envs.replaceAll(',', '-') }}", context)).toBe('dev-test-prod');
    expect(render("${{ 'x' ~ values.name.replaceAll('.', '_') ~ '.replaceAll(' }}", context)).toBe('xa_b.replaceAll(');
    expect(t.renderFile("envs: ${{ values.envs.replaceAll(',','-') }}\ncode: s.replaceAll(',', '-')\n", context, 'file f')).toBe("envs: dev-test-prod\ncode: s.replaceAll(',', '-')\n");
    expect(shimStringMethods("{% set e = values.envs.replaceAll(',', ' ') %}${{ e }}")).toBe("{% set e = values.envs | replace(',', ' ') %}${{ e }}");
  });
});
