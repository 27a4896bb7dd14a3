// The actions a template's steps may use.

import type { ScaffoldAction } from '../types.ts';
import { catalogFetch, httpBackstageRequest } from './catalogFetch.ts';
import { catalogRegister } from './catalogRegister.ts';
import { catalogWrite } from './catalogWrite.ts';
import { debugLog } from './debugLog.ts';
import { debugWait } from './debugWait.ts';
import { fetchCookiecutter } from './fetchCookiecutter.ts';
import { fetchPlain } from './fetchPlain.ts';
import { fetchPlainFile } from './fetchPlainFile.ts';
import { fetchTemplate } from './fetchTemplate.ts';
import { fetchTemplateFile } from './fetchTemplateFile.ts';
import { fsDelete, fsRename } from './fs.ts';
import { fsRead, fsReaddir } from './fsRead.ts';
import { githubActionsDispatch } from './githubDispatch.ts';
import { publishGithub } from './publishGithub.ts';
import { publishPullRequest } from './publishPullRequest.ts';
import { roadieMerge } from './roadieMerge.ts';
import { roadieFsParse, roadieFsWrite, roadieJsonata, roadieJsonTransform, roadieYamlTransform } from './roadieUtils.ts';

export const builtinActions: readonly ScaffoldAction[] = [
  fetchTemplate, fetchPlain, fetchPlainFile, fetchTemplateFile, fetchCookiecutter, fsRename, fsDelete, fsRead, fsReaddir, debugLog, debugWait, catalogWrite, catalogFetch,
  httpBackstageRequest, publishGithub, publishPullRequest, githubActionsDispatch, catalogRegister, roadieMerge,
  roadieFsWrite, roadieFsParse, roadieJsonata, roadieYamlTransform, roadieJsonTransform,
];

export function actionRegistry(actions: readonly ScaffoldAction[] = builtinActions): Map<string, ScaffoldAction> {
  return new Map(actions.map((a) => [a.id, a]));
}
