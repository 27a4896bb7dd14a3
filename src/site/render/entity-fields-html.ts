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

/** The `<dl>` of the About card. Spaced as the template it replaces was, so pages stay byte-for-byte the same. */
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
  const tags = entity.metadata.tags ?? [];
  const labels = Object.entries(entity.metadata.labels ?? {});
  const rawTargets = kind === 'location' ? [entity.spec?.target, ...(Array.isArray(entity.spec?.targets) ? entity.spec.targets : [])] : [];
  const targets = rawTargets.filter((t): t is string => typeof t === 'string' && t !== '');
  const where = diagnosticLocation(source);

  let out = '<dl class="fields"> ';
  if (owner || rawOwner) {
    out += ` <dt>Owner</dt> <dd data-owner="${attr((owner ?? rawOwner)!)}"> ${owner ? refLinkHtml(owner, index, base, 'group') : text(rawOwner)} </dd> `;
  }
  out += ' ';
  if (domain) out += ` <dt>${kind === 'domain' ? 'Parent domain' : 'Domain'}</dt> <dd>${refLinkHtml(domain, index, base, 'domain')}</dd> `;
  out += ' ';
  if (system || rawSystem) out += ` <dt>System</dt> <dd>${system ? refLinkHtml(system, index, base, 'system') : text(rawSystem)}</dd> `;
  out += ' ';
  if (parent) out += ` <dt>Parent component</dt> <dd>${refLinkHtml(parent, index, base, 'component')}</dd> `;
  out += ' ';
  if (type) out += `<dt>Type</dt><dd>${text(type)}</dd>`;
  out += ' ';
  if (lifecycle) out += `<dt>Lifecycle</dt><dd>${text(lifecycle)}</dd>`;
  out += ` <dt>Kind</dt> <dd>${text(entity.kind)}</dd>`;
  out += ` <dt>Namespace</dt> <dd>${text(entity.metadata.namespace ?? DEFAULT_NAMESPACE)}</dd> `;
  if (tags.length > 0) out += ` <dt>Tags</dt> <dd><ul class="tags">${tags.map((t) => `<li>${text(t)}</li>`).join('')}</ul></dd> `;
  out += ' ';
  if (labels.length > 0) out += ` <dt>Labels</dt> <dd><ul class="tags">${labels.map(([k, v]) => `<li><code>${text(k)}: ${text(v)}</code></li>`).join('')}</ul></dd> `;
  out += ' ';
  if (targets.length > 0) {
    const item = (t: string) => (/^https?:\/\//i.test(t) ? `<a href="${attr(t)}">${text(t)}</a>` : `<code>${text(t)}</code>`);
    out += ` <dt>Targets</dt> <dd><ul class="plain">${targets.map((t) => `<li>${item(t)}</li>`).join('')}</ul></dd> `;
  }
  out += ' <dt>Source</dt> <dd> ';
  out += repo ? `<a href="${attr(repo.url)}">${text(repo.owner)}/${text(repo.name)}</a>` : `<strong>${text(source.repo)}</strong>`;
  out += ` <span class="meta"> · ${repo ? `<a class="mono" href="${attr(repoFileUrl(repo, source.file, source.line))}">${text(where)}</a>` : `<code>${text(where)}</code>`}</span> </dd>`;
  out += ` <dt>API version</dt> <dd><code>${text(entity.apiVersion)}</code></dd> </dl>`;
  return out;
}
