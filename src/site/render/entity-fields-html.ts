// The About card's fields as an HTML string, as Backstage's AboutCard lists them (search's filters come from the
// model, src/views/search.ts, not from here). One per entity page: as a component with a Fragment per
// optional field it cost more than the fields themselves. Every value comes from a crawled repo: all escaped.

import { DEFAULT_NAMESPACE } from '../../model/entity.ts';
import type { PortalEntity } from '../../model/portal.ts';
import type { RepoInfo } from '../../snapshot/types.ts';
import { diagnosticLocation } from '../../views/diagnostics.ts';
import { domainRef, ownerRef, parentComponentRef, specString, systemRef, type EntityIndex } from '../../views/entities.ts';
import { refLinkHtml } from './entity-html.ts';
import { escapeAttribute as attr, escapeHtml } from './html.ts';
import { repoFileUrl } from '../../views/repos.ts';

const text = (value: unknown) => escapeHtml(String(value));

/** apiVersions the About card leaves out: the ones Backstage's own kinds are written with. */
const USUAL_API_VERSIONS = new Set(['backstage.io/v1alpha1', 'backstage.io/v1beta1', 'scaffolder.backstage.io/v1beta3']);

/**
 * The `<dl>` of the About card. As Backstage's AboutCard it leaves out the kind (the badge beside the title says
 * it), the default namespace and the usual apiVersion (the catalog API keeps them): ~150 bytes of every entity page.
 */
export function entityFieldsHtml(item: PortalEntity, index: EntityIndex, repo: RepoInfo | undefined, base: string): string {
  const { entity, source } = item;
  const kind = entity.kind.toLowerCase();
  const type = specString(entity, 'type');
  const lifecycle = specString(entity, 'lifecycle');
  const owner = ownerRef(entity);
  const rawOwner = specString(entity, 'owner');
  const system = systemRef(entity);
  const rawSystem = specString(entity, 'system');
  const domain = domainRef(entity);
  const parent = parentComponentRef(entity);
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const tags = entity.metadata.tags ?? [];
  const labels = Object.entries(entity.metadata.labels ?? {});
  const rawTargets = kind === 'location' ? [entity.spec?.target, ...(Array.isArray(entity.spec?.targets) ? entity.spec.targets : [])] : [];
  const targets = rawTargets.filter((t): t is string => typeof t === 'string' && t !== '');
  const where = diagnosticLocation(source);

  let out = '<dl class="fields">';
  // No data-owner on the <dd>: nothing read it, and it was ~40 bytes of most entity pages.
  if (owner || rawOwner) out += `<dt>Owner</dt><dd>${owner ? refLinkHtml(owner, index, base, 'group') : text(rawOwner)}</dd>`;
  if (domain) out += `<dt>${kind === 'domain' ? 'Parent domain' : 'Domain'}</dt><dd>${refLinkHtml(domain, index, base, 'domain')}</dd>`;
  if (system || rawSystem) out += `<dt>System</dt><dd>${system ? refLinkHtml(system, index, base, 'system') : text(rawSystem)}</dd>`;
  if (parent) out += `<dt>Parent component</dt><dd>${refLinkHtml(parent, index, base, 'component')}</dd>`;
  if (type) out += `<dt>Type</dt><dd>${text(type)}</dd>`;
  if (lifecycle) out += `<dt>Lifecycle</dt><dd>${text(lifecycle)}</dd>`;
  if (namespace !== DEFAULT_NAMESPACE) out += `<dt>Namespace</dt><dd>${text(namespace)}</dd>`;
  if (tags.length > 0) out += `<dt>Tags</dt><dd><ul class="tags">${tags.map((t) => `<li>${text(t)}</li>`).join('')}</ul></dd>`;
  if (labels.length > 0) out += `<dt>Labels</dt><dd><ul class="tags">${labels.map(([k, v]) => `<li><code>${text(k)}: ${text(v)}</code></li>`).join('')}</ul></dd>`;
  if (targets.length > 0) {
    const item = (t: string) => (/^https?:\/\//i.test(t) ? `<a href="${attr(t)}">${text(t)}</a>` : `<code>${text(t)}</code>`);
    out += `<dt>Targets</dt><dd><ul class="plain">${targets.map((t) => `<li>${item(t)}</li>`).join('')}</ul></dd>`;
  }
  out += '<dt>Source</dt><dd>';
  out += repo ? `<a href="${attr(repo.url)}">${text(repo.owner)}/${text(repo.name)}</a>` : `<strong>${text(source.repo)}</strong>`;
  out += `<span class="meta"> · ${repo ? `<a class="mono" href="${attr(repoFileUrl(repo, source.file, source.line))}">${text(where)}</a>` : `<code>${text(where)}</code>`}</span></dd>`;
  if (!USUAL_API_VERSIONS.has(entity.apiVersion)) out += `<dt>API version</dt><dd><code>${text(entity.apiVersion)}</code></dd>`;
  return `${out}</dl>`;
}
