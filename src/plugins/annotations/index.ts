// First-party plugin: a card of deep links for each popular Backstage plugin annotation an entity carries, so an
// org's existing annotations light up with no catalog file edited. Built on the public plugin API only.
// A tool shows its cards when its key is in the options (`github: {}`); base URLs come from there.

import { definePlugin } from '../index.ts';
import { TOOLS, type ToolOptions } from './tools.ts';

export type AnnotationsOptions = Partial<Record<string, ToolOptions>>;

const url = { type: 'string', pattern: '^https?://' };
const toolSchema = (required: boolean, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  additionalProperties: false,
  ...(required ? { required: ['baseUrl'] } : {}),
  properties: { baseUrl: url, ...extra },
});
const instances = { type: 'object', additionalProperties: url };

export default definePlugin<AnnotationsOptions>({
  name: 'annotations',
  options: {
    type: 'object',
    additionalProperties: false,
    properties: {
      github: toolSchema(false),
      kubernetes: { type: 'object', additionalProperties: false, properties: { dashboardUrl: url } },
      pagerduty: toolSchema(true),
      grafana: toolSchema(true),
      sonarqube: toolSchema(true, { instances }),
      argocd: toolSchema(true),
      jenkins: toolSchema(true, { instances }),
      sentry: toolSchema(false, { organization: { type: 'string', minLength: 1 } }),
      circleci: toolSchema(false),
    },
  },
  view: {
    annotations: TOOLS.flatMap((t) => t.annotations),
    cards({ entity }, { options }) {
      const annotations = entity.metadata.annotations ?? {};
      return TOOLS.flatMap((tool) => {
        const toolOptions = options[tool.key];
        if (!toolOptions || !tool.annotations.some((a) => annotations[a] !== undefined)) return [];
        const card = tool.card(annotations, toolOptions);
        return card ? [card] : [];
      });
    },
  },
});
