// The Create page's form: one step per parameter page with back/next, a review step, and validation with the
// template's own JSON Schema (ajv, loaded lazily in its own chunk) before each step is left.

import { h } from '../dom.ts';
import type { FormField } from '../../../views/create/form.ts';
import type { CreatePageData } from '../../../views/create/page-data.ts';
import { reviewSections } from '../../../views/create/review.ts';
import { fieldActive, formState, sendable, type FormState } from '../../../views/create/values.ts';
import type { WhenEvaluator } from '../../../model/templateParameters.ts';
import { createField, type FieldControl } from './fields.ts';
import { previewSection } from './preview.ts';
import { renderRunPanel } from './run-panel.ts';

type Validation = typeof import('../../../views/create/validate.ts');

export async function startCreateWizard(root: HTMLElement): Promise<void> {
  const script = root.querySelector('script[data-create-data]');
  if (!script?.textContent) return;
  const data = JSON.parse(script.textContent) as CreatePageData;
  const { form } = data;
  // Pages with `when: ${{ … }}` need the templating (its own chunk, only for such forms) before any step is shown.
  let evaluate: WhenEvaluator | undefined;
  if (form.pages.some((p) => p.when !== undefined)) evaluate = (await import('../../../views/create/when.ts')).formWhenEvaluator();
  // ajv is big: fetched as soon as the form is up, awaited only when a step is checked.
  let validation: Promise<Validation> | undefined;
  const loadValidation = () => (validation ??= import('../../../views/create/validate.ts'));

  const controls: FieldControl[] = [];
  const stepTitles = [...form.pages.map((p) => p.title), 'Review'];
  const progress = h(
    'ol',
    { class: 'wizard-steps', 'aria-label': 'Steps' },
    ...stepTitles.map((t, i) => h('li', { 'data-step-label': i }, h('span', { class: 'step-n' }, String(i + 1)), ` ${t}`)),
  );

  const sections = form.pages.map((page, p) => {
    const summary = h('div', { class: 'error-summary', role: 'alert', hidden: true, tabindex: -1 });
    const fields = page.fields.map((field, i) => {
      const control = createField(field, `f${p}-${i}`);
      controls.push(control);
      return control.element;
    });
    return h(
      'section',
      { class: 'wizard-step', 'data-step': p, 'aria-labelledby': `step-${p}-title`, hidden: true },
      h('h2', { id: `step-${p}-title`, tabindex: -1 }, page.title),
      page.description ? h('p', { class: 'step-desc' }, page.description) : null,
      summary,
      ...fields,
    );
  });
  const review = h('section', { class: 'wizard-step', 'data-step': 'review', 'aria-labelledby': 'step-review-title', hidden: true });
  const back = h('button', { type: 'button', class: 'button', 'data-back': true }, form.buttons.back);
  const next = h('button', { type: 'submit', class: 'button primary', 'data-next': true }, 'Next');
  const nav = h('div', { class: 'wizard-nav' }, back, next);
  // novalidate: the schema decides, and says so next to each field; Enter in a field means "next".
  const formEl = h('form', { class: 'wizard-form', novalidate: true, 'data-wizard-form': true }, ...sections, review, nav);

  let current = 0;
  const last = form.pages.length; // index of the review step
  const byField = new Map<FormField, FieldControl>(controls.map((c) => [c.field, c]));
  const state = (): FormState => formState(form, (field) => byField.get(field)?.read(), evaluate);
  const values = () => state().values;
  // Conditional fields (`dependencies`, `if`/`then`/`else`, a bare-oneOf page's alternatives) show while their
  // condition holds; a page whose `when` does not hold is skipped, and its step left out of the list.
  const conditional = controls.filter((c) => c.field.when);
  let shown = new Set(form.pages.map((_, i) => i));
  const showConditional = () => {
    if (!conditional.length && !evaluate) return;
    const now = state();
    for (const c of conditional) c.element.hidden = c.field.kind === 'hidden' || !fieldActive(c.field, now.values);
    shown = now.shown;
    let n = 0;
    progress.querySelectorAll<HTMLElement>('li').forEach((li, i) => {
      li.hidden = i < last && !shown.has(i);
      if (!li.hidden) li.querySelector('.step-n')!.textContent = String(++n);
    });
    next.textContent = current < last && nextStep(current) === last ? form.buttons.review : 'Next';
  };
  const nextStep = (step: number) => {
    for (let i = step + 1; i < last; i++) if (shown.has(i)) return i;
    return last;
  };
  const previousStep = (step: number) => {
    for (let i = step - 1; i > 0; i--) if (shown.has(i)) return i;
    return 0;
  };

  /**
   * `submit`: every problem of the step, in the summary and next to its field, focus on the first.
   * `live` (typing after a submit): only clears or updates the problems already shown, so the summary (an
   * alert) is not re-announced on every key and nothing new is flagged before the person is done.
   */
  async function check(step: number, mode: 'submit' | 'live'): Promise<boolean> {
    const page = form.pages[step]!;
    const { validatePage } = await loadValidation();
    const errors = validatePage(page, values());
    const own = new Map(errors.filter((e) => e.field).map((e) => [e.field, e.message]));
    const summary = sections[step]!.querySelector<HTMLElement>('.error-summary')!;
    const shown = new Set([...summary.querySelectorAll<HTMLElement>('li[data-for]')].map((li) => li.dataset.for!));
    for (const c of controls.filter((c) => page.fields.includes(c.field))) {
      if (mode === 'submit' || shown.has(c.field.name)) c.setError(own.get(c.field.name));
    }
    if (mode === 'live') {
      for (const li of summary.querySelectorAll<HTMLElement>('li[data-for]')) if (!own.has(li.dataset.for!) && li.dataset.for) li.remove();
      if (!summary.querySelector('li')) summary.hidden = true;
      return errors.length === 0;
    }
    summary.replaceChildren();
    summary.hidden = errors.length === 0;
    if (errors.length) {
      const titled = (name: string) => page.fields.find((f) => f.name === name)?.title ?? name;
      summary.append(
        h('p', {}, errors.length === 1 ? 'Fix this to go on:' : `Fix these ${errors.length} problems to go on:`),
        h('ul', {}, ...errors.map((e) => h('li', { 'data-for': e.field }, e.field ? `${titled(e.field)}: ${e.message}` : e.message))),
      );
      const first = controls.find((c) => c.field.name === errors.find((e) => e.field)?.field);
      if (first) first.focus();
      else summary.focus();
    }
    return errors.length === 0;
  }

  function show(step: number, focus: boolean): void {
    current = step;
    sections.forEach((s, i) => (s.hidden = i !== step));
    review.hidden = step !== last;
    progress.querySelectorAll('li').forEach((li, i) => {
      if (i === step) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
      li.classList.toggle('done', i < step);
    });
    back.hidden = step === 0;
    next.hidden = step === last;
    next.textContent = step < last && nextStep(step) === last ? form.buttons.review : 'Next';
    if (step === last) void renderReview();
    if (!focus) return;
    const auto = step < last ? controls.find((c) => c.field.autofocus && form.pages[step]!.fields.includes(c.field)) : undefined;
    if (auto) auto.focus();
    else (step === last ? review : sections[step]!).querySelector<HTMLElement>('h2')?.focus();
  }

  async function renderReview(): Promise<void> {
    const now = state();
    const v = sendable(form, now.values);
    review.replaceChildren(
      h('h2', { id: 'step-review-title', tabindex: -1 }, 'Review'),
      h('p', { class: 'step-desc' }, 'Check the values, then choose how to run the template.'),
      ...reviewSections(form, now.values, now.shown)
        .filter((s) => s.rows.length)
        .map((s) =>
          h(
            'div',
            { class: 'review-section' },
            h('h3', {}, s.title),
            h('dl', { class: 'review' }, ...s.rows.flatMap((r) => [h('dt', {}, r.label), h('dd', { 'data-review': r.name, class: r.masked ? 'masked' : undefined }, r.value)])),
          ),
        ),
    );
    const { validateValues } = await loadValidation();
    // The same check the workflow makes, over all steps at once; the run options only when it passes.
    const problems = validateValues(form.pages.map((p) => p.schema), v, evaluate);
    if (problems.length) {
      review.append(
        h('div', { class: 'error-summary', role: 'alert' }, h('p', {}, 'The values do not fit the template:'), h('ul', {}, ...problems.map((p) => h('li', {}, `${p.path.slice(1) || 'values'}: ${p.message}`)))),
      );
      return;
    }
    review.append(previewSection(data, v), renderRunPanel(data, v));
  }

  formEl.addEventListener('submit', (event) => {
    event.preventDefault();
    if (current >= last) return;
    const step = current;
    next.disabled = true;
    void check(step, 'submit')
      .then((ok) => {
        if (!ok || current !== step) return;
        showConditional();
        show(nextStep(step), true);
      })
      .finally(() => (next.disabled = false));
  });
  // Once a step shows problems, they follow the typing.
  const recheck = (event: Event) => {
    const step = Number((event.target as HTMLElement).closest<HTMLElement>('[data-step]')?.dataset.step);
    if (sections[step] && !sections[step].querySelector<HTMLElement>('.error-summary')!.hidden) void check(step, 'live');
  };
  formEl.addEventListener('change', showConditional);
  formEl.addEventListener('input', showConditional);
  formEl.addEventListener('change', recheck);
  formEl.addEventListener('input', recheck);
  back.addEventListener('click', () => show(previousStep(current), true));

  root.querySelector('[data-create-loading]')?.remove();
  root.append(progress, formEl);
  showConditional();
  show(form.pages.length && !shown.has(0) ? nextStep(0) : form.pages.length ? 0 : last, false);
  const firstAuto = controls.find((c) => c.field.autofocus && form.pages[0]?.fields.includes(c.field));
  firstAuto?.focus();
  void loadValidation();
  root.dataset.ready = '';
}
