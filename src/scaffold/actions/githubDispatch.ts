// `github:actions:dispatch`: starts a workflow in a repo (workflow_dispatch), optionally returning the run.

import { parseRepoUrl } from '../filters.ts';
import type { ScaffoldAction } from '../types.ts';
import { describe, optionalBoolean, optionalObject, requiredString } from './input.ts';

/** GitHub's limit on workflow_dispatch inputs. */
export const MAX_WORKFLOW_INPUTS = 25;

export const githubActionsDispatch: ScaffoldAction = {
  id: 'github:actions:dispatch',
  external: true,
  async handler(ctx) {
    const { input } = ctx;
    const { host, owner, repo } = parseRepoUrl(requiredString(input, 'repoUrl'));
    const workflowId = requiredString(input, 'workflowId');
    const ref = requiredString(input, 'branchOrTagName');
    const raw = optionalObject(input, 'workflowInputs') ?? {};
    const keys = Object.keys(raw);
    if (keys.length > MAX_WORKFLOW_INPUTS) {
      throw new Error(`input "workflowInputs" has ${keys.length} keys; GitHub accepts at most ${MAX_WORKFLOW_INPUTS}`);
    }
    const inputs: Record<string, string> = {};
    for (const key of keys) {
      const value = raw[key];
      if (typeof value === 'object' && value !== null) throw new Error(`workflowInputs.${key} must be a string, got ${describe(value)}`);
      if (value !== undefined && value !== null) inputs[key] = String(value);
    }
    const details = Boolean(optionalBoolean(input, 'returnWorkflowRunDetails'));
    const summary = `run workflow ${workflowId} of ${owner}/${repo} on ${ref}`;
    if (ctx.dryRun) {
      ctx.effect(summary, { repo: `${host}/${owner}/${repo}`, workflowId, ref, inputs });
      return;
    }
    const res = await ctx.github(host).request<{ workflow_run_id?: number; run_url?: string; html_url?: string }>(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      { owner, repo, workflow_id: workflowId, ref, inputs, ...(details ? { return_run_details: true } : {}) },
    );
    ctx.effect(summary, { repo: `${host}/${owner}/${repo}`, workflowId, ref, inputs, ...(res.data?.workflow_run_id ? { runId: res.data.workflow_run_id } : {}) });
    if (details && res.data?.workflow_run_id) {
      ctx.output('workflowRunId', res.data.workflow_run_id);
      if (res.data.run_url) ctx.output('workflowRunUrl', res.data.run_url);
      if (res.data.html_url) ctx.output('workflowRunHtmlUrl', res.data.html_url);
    }
  },
};
