// The actions a template's steps may use.

import type { ScaffoldAction } from '../types.ts';
import { catalogRegister } from './catalogRegister.ts';
import { catalogWrite } from './catalogWrite.ts';
import { debugLog } from './debugLog.ts';
import { fetchPlain } from './fetchPlain.ts';
import { fetchTemplate } from './fetchTemplate.ts';
import { fsDelete, fsRename } from './fs.ts';
import { githubActionsDispatch } from './githubDispatch.ts';
import { publishGithub } from './publishGithub.ts';

export const builtinActions: readonly ScaffoldAction[] = [
  fetchTemplate, fetchPlain, fsRename, fsDelete, debugLog, catalogWrite, publishGithub, githubActionsDispatch, catalogRegister,
];

export function actionRegistry(actions: readonly ScaffoldAction[] = builtinActions): Map<string, ScaffoldAction> {
  return new Map(actions.map((a) => [a.id, a]));
}
