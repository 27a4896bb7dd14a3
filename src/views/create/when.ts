// Page-level `when: ${{ … }}` in the browser: the same templating `backlot scaffold` renders it with (nunjitsu,
// its browser build), loaded only by forms that have such a page.

import { createTemplating, whenEvaluator } from '../../scaffold/templating.ts';
import type { WhenEvaluator } from '../../model/templateParameters.ts';

/**
 * A `when` that cannot be rendered keeps its page (the person can still answer it); `backlot scaffold` and the
 * build's template check report the expression.
 */
export function formWhenEvaluator(): WhenEvaluator {
  const evaluate = whenEvaluator(createTemplating());
  return (expression, parameters) => {
    try {
      return evaluate(expression, parameters);
    } catch {
      return true;
    }
  };
}
