import { inflateRawSync, inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { toSourceLines } from './blocks.ts';
import { effectiveExtensions, type MarkdownExtensions } from './extensions.ts';
import { encodePlantuml, plantumlSource } from './fences.ts';
import { createRenderer, type RenderedPage, type Renderer } from './render.ts';

let renderer: Renderer;
beforeAll(async () => {
  renderer = await createRenderer();
});

const render = (markdown: string, own: MarkdownExtensions = {}): RenderedPage =>
  renderer.render({ lines: toSourceLines(markdown), resolve: (url) => ({ url }), extensions: effectiveExtensions(own) });

/** PlantUML's alphabet back to bytes (the server's decoder). */
function decodePlantuml(text: string): string {
  const plantuml = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const bytes = Buffer.from([...text].map((c) => base64[plantuml.indexOf(c)]).join(''), 'base64');
  return inflateRawSync(bytes, { finishFlush: 2 }).toString('utf8');
}

const MERMAID_FENCES = {
  'pymdownx.superfences': {
    custom_fences: [
      { name: 'mermaid', class: 'mermaid', format: 'pymdownx.superfences.fence_code_format' },
      { name: 'diagram', class: 'mermaid', format: 'pymdownx.superfences.fence_div_format' },
      { name: 'math', class: 'arithmatex', format: 'pymdownx.arithmatex.arithmatex_fenced_format' },
      { name: 'vegalite', class: 'vegalite', format: 'mkdocs_charts_plugin.fences.fence_vegalite' },
    ],
  },
};

describe('superfences custom_fences', () => {
  it('draws fences with a mermaid formatter as mermaid diagrams, whatever their name', () => {
    const page = render('```diagram\nflowchart LR\n  A --> B\n```\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```', MERMAID_FENCES);
    expect(page.hasMermaid).toBe(true);
    expect(page.html).toBe('<pre class="mermaid" data-pagefind-ignore="all" data-line="1">flowchart LR\n  A --> B</pre>\n<pre class="mermaid" data-pagefind-ignore="all" data-line="6">sequenceDiagram\n  A->>B: hi</pre>');
    expect(page.unknownFences).toEqual([]);
  });

  it('typesets fences with arithmatex’s fenced format as display math', () => {
    const page = render('```math\n\\frac{a}{b}\n```', MERMAID_FENCES);
    expect(page.hasMath).toBe(true);
    expect(page.html).toMatch(/^<div class="arithmatex"><span class="katex-display"><span class="katex">.*<annotation encoding="application\/x-tex">\\frac\{a\}\{b\}<\/annotation>/s);
  });

  it('shows a fence with a formatter Backlot lacks as code, and names its first use', () => {
    const page = render('# T\n\n```vegalite\n{"mark": "bar"}\n```\n\n```vegalite\n{}\n```', MERMAID_FENCES);
    expect(page.html).toContain('<div class="code-block" data-lang="text">');
    expect(page.html).toMatch(/&#x22;mark&#x22;|"mark"/);
    expect(page.unknownFences).toEqual([{ name: 'vegalite', line: 3, column: 1 }]);
  });
});

describe('PlantUML (plantuml_markdown)', () => {
  it('encodes diagrams as PlantUML does (its documented example)', () => {
    expect(encodePlantuml('Bob -> Alice : hello')).toBe('SyfFKj2rKt3CoKnELR1Io4ZDoSa70000');
  });

  it('draws ```plantuml through the configured server as an <img> in a paragraph, with the fence’s attributes', () => {
    const server = { plantuml_markdown: { server: 'https://plantuml.example/plantuml/' } };
    const page = render('```plantuml format="svg" classes="uml myDiagram" alt="Flow" title="The flow" width="500px" height="250px"\nUser -> App: asks\n```', server);
    const m = /^<p><img src="https:\/\/plantuml\.example\/plantuml\/svg\/([\w-]+)" class="uml myDiagram" alt="Flow" title="The flow" loading="lazy" style="max-width:500px;max-height:250px" width="100%"><\/p>$/.exec(page.html);
    expect(m).not.toBeNull();
    expect(decodePlantuml(m![1]!)).toBe('@startuml\nUser -> App: asks\n@enduml\n');
    // Defaults as plantuml_markdown's: png, class uml, alt "uml diagram", an empty title; ```uml too.
    expect(render('```uml\n@startuml\nA -> B\n@enduml\n```', server).html).toMatch(/^<p><img src="https:\/\/plantuml\.example\/plantuml\/png\/[\w-]+" class="uml" alt="uml diagram" title="" loading="lazy"><\/p>$/);
    expect(page.plantumlSource).toBeUndefined();
  });

  it('uses a Kroki server’s URL scheme with kroki_server', () => {
    const page = render('```plantuml\nA -> B\n```', { plantuml_markdown: { kroki_server: 'https://kroki.example' } });
    const m = /src="https:\/\/kroki\.example\/plantuml\/png\/([\w-]+={0,2})"/.exec(page.html);
    expect(inflateSync(Buffer.from(m![1]!, 'base64url')).toString()).toBe(plantumlSource('A -> B'));
  });

  it('shows the source, titled with what is missing, when no server is named (and never a javascript: server)', () => {
    const page = render('Intro\n\n```plantuml\nA -> B\n```');
    expect(page.html).toContain('<div class="code-title">PlantUML diagram, shown as source: this site names no PlantUML server</div>');
    expect(page.html).toContain('A -> B');
    expect(page.plantumlSource).toEqual({ name: 'plantuml', line: 3, column: 1 });
    expect(render('```plantuml\nA\n```', { plantuml_markdown: { server: 'javascript:alert(1)//' } }).html).not.toContain('<img');
  });

  it('reads plantuml_markdown’s ::uml:: … ::end-uml:: blocks as its fences, attributes and all', () => {
    const server = { plantuml_markdown: { server: 'https://plantuml.example/plantuml' } };
    const page = render('Before\n\n::uml:: format="svg" classes="uml seq" alt="Calls"\n  Goofy ->  MickeyMouse: calls\n  Goofy <-- MickeyMouse: responds\n::end-uml::\n\nAfter', server);
    const m = /^<p>Before<\/p>\n<p><img src="https:\/\/plantuml\.example\/plantuml\/svg\/([\w-]+)" class="uml seq" alt="Calls" title="" loading="lazy"><\/p>\n<p>After<\/p>$/.exec(page.html);
    expect(m).not.toBeNull();
    expect(decodePlantuml(m![1]!)).toBe('@startuml\nGoofy ->  MickeyMouse: calls\nGoofy <-- MickeyMouse: responds\n@enduml\n');
    // Indented in a list item, closed at its own indent; a ``` line in the diagram does not end it.
    expect(render('- item\n\n    ::uml::\n    A -> B\n    ```\n    ::end-uml::\n', server).html).toMatch(/<li>\s*<p>item<\/p>\s*<p><img src="https:\/\/plantuml\.example\/plantuml\/png\/[\w-]+" class="uml"/);
  });

  it('shows a ::uml:: block as source with the same hint when no server is named; in a code fence it is code', () => {
    const page = render('# T\n\n::uml::\nA -> B\n::end-uml::\n');
    expect(page.html).toContain('<div class="code-title">PlantUML diagram, shown as source: this site names no PlantUML server</div>');
    expect(page.plantumlSource).toEqual({ name: 'plantuml', line: 3, column: 1 });
    expect(page.html).not.toContain('::uml::');
    const sample = render('```markdown\n::uml::\nA -> B\n::end-uml::\n```', { plantuml_markdown: { server: 'https://plantuml.example' } });
    expect(sample.html).toContain('::uml::');
    expect(sample.html).not.toContain('<img');
    // Never closed: left as text, as plantuml_markdown leaves it.
    expect(render('::uml::\nA -> B\n').html).toBe('<p>::uml::\nA -> B</p>');
  });
});
