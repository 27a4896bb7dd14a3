// The register page in the browser: the form's values become a catalog-info.yaml, checked as you type with the
// build's own parser and validator (src/catalog/checkText.ts, src/catalog/validate/), not a copy of their rules.

import { checkCatalogText, type TextProblem } from '../../catalog/checkText.ts';
import { createValidator } from '../../catalog/validate/index.ts';
import { parseGithubUrl } from '../../model/githubUrl.ts';
import {
  KIND_FIELDS,
  OTHER_OWNER,
  REGISTER_KINDS,
  catalogInfoYaml,
  newFileUrl,
  problemField,
  validateCommand,
  type RegisterKind,
  type RegisterScriptData,
  type RegisterValues,
} from '../../views/register.ts';
import { copyText, h } from './dom.ts';

export function startRegister(root: HTMLElement | null): void {
  const json = root?.querySelector('[data-register-data]')?.textContent;
  const form = root?.querySelector<HTMLFormElement>('[data-register-form]');
  if (!root || !json || !form) return;
  const data = JSON.parse(json) as RegisterScriptData;
  const validate = createValidator({ customKinds: data.customKinds });
  const $ = <T extends Element>(selector: string) => root.querySelector<T>(selector)!;
  const yamlOut = $<HTMLElement>('[data-register-yaml]');
  const status = $<HTMLElement>('[data-register-status]');
  const problemList = $<HTMLUListElement>('[data-register-problems]');
  const github = $<HTMLAnchorElement>('[data-register-github]');
  const githubHelp = $<HTMLElement>('[data-register-github-help]');
  const command = $<HTMLElement>('[data-register-command]');
  const copy = $<HTMLButtonElement>('[data-register-copy]');
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  // Fields stay quiet until touched, so an empty form does not open with a column of errors.
  const touched = new Set<string>();

  const values = (): RegisterValues => {
    const kind = (REGISTER_KINDS as readonly string[]).includes(field('kind').value) ? (field('kind').value as RegisterKind) : 'Component';
    return {
      kind,
      name: field('name').value,
      title: field('title').value,
      description: field('description').value,
      owner: field('owner').value === OTHER_OWNER ? (field('ownerRef')?.value ?? '') : field('owner').value,
      system: field('system').value,
      type: field('type').value,
      lifecycle: field('lifecycle').value,
      docs: field('docs').checked,
      repoUrl: field('repoUrl').value,
    };
  };

  function showKindFields(kind: RegisterKind): void {
    for (const el of form!.querySelectorAll<HTMLElement>('[data-for-kinds]')) el.hidden = !el.dataset.forKinds!.split(' ').includes(kind);
    for (const el of form!.querySelectorAll<HTMLElement>('[data-required-for]')) el.hidden = !el.dataset.requiredFor!.split(' ').includes(kind);
    field('type').setAttribute('list', `register-types-${kind}`);
    field('type').required = KIND_FIELDS[kind].type === 'required';
    field('lifecycle').required = KIND_FIELDS[kind].lifecycle;
    const ownerRef = field('ownerRef') as HTMLInputElement | null;
    if (ownerRef) ownerRef.hidden = field('owner').value !== OTHER_OWNER;
  }

  function render(): void {
    const v = values();
    showKindFields(v.kind);
    const text = catalogInfoYaml(v);
    yamlOut.textContent = text;
    const problems: TextProblem[] = checkCatalogText(text, validate);
    const repoUrl = v.repoUrl?.trim() ?? '';
    const repoOk = repoUrl !== '' && parseGithubUrl(repoUrl) !== undefined;
    const fieldErrors = new Map<string, string>();
    for (const p of problems) {
      const name = problemField(p);
      if (name && !fieldErrors.has(name)) fieldErrors.set(name, p.hint ? `${p.message}: ${p.hint}` : p.message);
    }
    if (repoUrl && !repoOk) fieldErrors.set('repoUrl', `"${repoUrl}" is not a repository's URL; write ${data.githubWeb}/<owner>/<repo>`);
    for (const out of form!.querySelectorAll<HTMLElement>('[data-error-for]')) {
      const name = out.dataset.errorFor!;
      const input = field(name.replace(/^(metadata|spec)\./, ''));
      const shown = touched.has(input.name) ? fieldErrors.get(name) : undefined;
      out.textContent = shown ?? '';
      if (shown) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    problemList.replaceChildren(
      ...problems.map((p) => h('li', {}, h('code', {}, `${p.line}:${p.column}`), ' ', p.message, p.hint ? h('span', { class: 'muted' }, ` — ${p.hint}`) : null)),
    );
    problemList.hidden = problems.length === 0 || touched.size === 0;
    status.dataset.state = problems.length ? 'problems' : 'ok';
    status.textContent = problems.length
      ? `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} the build would report.`
      : 'The file passes the build’s checks.';
    const link = problems.length === 0 && repoOk ? newFileUrl(repoUrl, field('branch').value.trim() || 'main', text) : undefined;
    if (link) {
      github.href = link;
      github.removeAttribute('aria-disabled');
    } else {
      github.removeAttribute('href');
      github.setAttribute('aria-disabled', 'true');
    }
    githubHelp.textContent = link
      ? 'Opens GitHub’s new-file page in the repository with the file filled in; commit it there.'
      : problems.length
        ? 'Fix the problems above to open GitHub’s new-file page with the file filled in.'
        : 'Give the repository’s URL to open GitHub’s new-file page with the file filled in.';
    command.textContent = validateCommand(repoOk ? repoUrl : undefined);
  }

  form.addEventListener('input', (e) => {
    const target = e.target as HTMLInputElement;
    if (target.name) touched.add(target.name);
    // A crawled repo picked from the list brings its default branch.
    if (target.name === 'repoUrl') {
      const repo = data.repos.find((r) => r.url === target.value.trim());
      if (repo) field('branch').value = repo.branch;
    }
    render();
  });
  form.addEventListener('change', () => render());
  form.addEventListener('focusout', (e) => {
    const name = (e.target as HTMLInputElement).name;
    if (name && !touched.has(name)) {
      touched.add(name);
      render();
    }
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  copy.addEventListener('click', () => copyText(copy, yamlOut.textContent ?? ''));
  render();
}
