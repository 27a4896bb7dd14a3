// Test helpers: a template and its repo held in memory.

import { parse } from 'yaml';
import { memorySnapshot, repoInfo, type RepoFiles } from '../../snapshot/memory.ts';
import type { Entity } from '../../model/entity.ts';
import { templateFromEntity } from '../load.ts';
import type { LoadedTemplate } from '../types.ts';

/** `files` is the template's repo; `templateFile` is the path of the template YAML inside it; `executables` its mode-755 files. */
export function memoryTemplate(files: RepoFiles, templateFile = 'templates/service/template.yaml', repo = 'templates', executables: string[] = []): LoadedTemplate {
  const snapshot = memorySnapshot([{ repo: repoInfo(repo, { owner: 'acme' }), files, executables }]);
  const text = files[templateFile];
  if (typeof text !== 'string') throw new Error(`no ${templateFile} in the files`);
  return templateFromEntity(parse(text) as Entity, snapshot, snapshot.repos[0]!, templateFile);
}

/** A minimal template YAML around the given `spec` body (indented YAML lines). */
export function templateYaml(spec: string, name = 'service'): string {
  return `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${name}
  title: A ${name}
spec:
  type: service
${spec.replace(/^/gm, '  ')}
`;
}
