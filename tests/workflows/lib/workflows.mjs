// Checks of GitHub Actions workflow files. Each check takes a parsed workflow (see
// loadWorkflow) and returns a list of findings, one string per problem; an empty list
// means the workflow passes.

import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument } from 'yaml';

// A full commit SHA followed by a version comment, as in
// "actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd # v6.0.2".
const PINNED_USES = /^[^@\s]+@[0-9a-f]{40}\s+#\s*v\d+(\.\d+){0,2}\s*$/;

// AWS access key ids: AKIA for long-term keys, ASIA for temporary ones.
const AWS_ACCESS_KEY_ID = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/;
const AWS_KEY_NAMES = [
  /aws-access-key-id\s*:/i,
  /aws-secret-access-key\s*:/i,
  /aws-session-token\s*:/i,
  /\bAWS_SECRET_ACCESS_KEY\b/,
  /\bAWS_ACCESS_KEY_ID\b/,
];

// Reads and parses one workflow file. `errors` lists YAML syntax errors.
export function loadWorkflow(path) {
  const text = readFileSync(path, 'utf8');
  const document = parseDocument(text, { prettyErrors: false });
  return {
    path,
    name: basename(path),
    text,
    errors: document.errors.map((error) => error.message),
    data: document.errors.length === 0 ? document.toJS() : null,
  };
}

// Returns every *.yml and *.yaml file in a folder, sorted.
export function workflowFiles(folder) {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.yml') || name.endsWith('.yaml'))
    .sort()
    .map((name) => join(folder, name));
}

function jobsOf(workflow) {
  return Object.entries(workflow.data?.jobs ?? {});
}

// A job that calls a reusable workflow ("uses:" on the job) cannot set timeout-minutes;
// the called workflow's own jobs carry it.
function callsReusableWorkflow(job) {
  return typeof job?.uses === 'string';
}

export function checkParses(workflow) {
  const findings = workflow.errors.map((message) => `${workflow.name}: invalid YAML: ${message}`);
  if (workflow.errors.length === 0 && (typeof workflow.data !== 'object' || workflow.data === null)) {
    findings.push(`${workflow.name}: not a YAML mapping`);
  }
  if (workflow.data && typeof workflow.data.jobs !== 'object') {
    findings.push(`${workflow.name}: missing jobs`);
  }
  return findings;
}

// Every "uses:" line names a full 40-character commit SHA and a "# vX.Y.Z" comment.
// Local actions and workflows (./...) are part of this repository and need no pin.
// Docker actions (docker://) must name an image digest.
export function checkPinnedActions(workflow) {
  const findings = [];
  workflow.text.split('\n').forEach((line, index) => {
    const match = line.match(/^\s*(?:-\s*)?uses:\s*["']?([^"'\n]+?)["']?\s*(#.*)?$/);
    if (!match) return;
    const reference = match[1].trim();
    const full = `${reference} ${match[2] ?? ''}`.trim();
    if (reference.startsWith('./')) return;
    if (reference.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(reference)) {
        findings.push(`${workflow.name}:${index + 1}: ${reference} is not pinned by digest`);
      }
      return;
    }
    if (!PINNED_USES.test(full)) {
      findings.push(
        `${workflow.name}:${index + 1}: ${reference} is not pinned to a 40-character commit SHA with a "# vX.Y.Z" comment`,
      );
    }
  });
  return findings;
}

// No AWS access key, and no input or variable that would carry one: deployments use
// the OIDC role only.
export function checkNoAwsKeys(workflow) {
  const findings = [];
  workflow.text.split('\n').forEach((line, index) => {
    if (AWS_ACCESS_KEY_ID.test(line)) {
      findings.push(`${workflow.name}:${index + 1}: contains an AWS access key id`);
    }
    for (const pattern of AWS_KEY_NAMES) {
      if (pattern.test(line)) {
        findings.push(`${workflow.name}:${index + 1}: names an AWS key (${pattern.source}); use role-to-assume with OIDC`);
      }
    }
  });
  return findings;
}

// Top-level permissions exist and grant nothing, or read access only.
export function checkTopLevelPermissions(workflow) {
  const permissions = workflow.data?.permissions;
  if (permissions === undefined) {
    return [`${workflow.name}: missing top-level permissions (use "permissions: {}")`];
  }
  if (typeof permissions === 'string') {
    return permissions === 'read-all' ? [] : [`${workflow.name}: top-level permissions "${permissions}" grant write access`];
  }
  return Object.entries(permissions)
    .filter(([, level]) => level !== 'read' && level !== 'none')
    .map(([scope, level]) => `${workflow.name}: top-level permission ${scope}: ${level}; grant write access per job`);
}

// Every job sets its own permissions, and every job that runs steps a timeout.
export function checkJobLimits(workflow) {
  const findings = [];
  for (const [name, job] of jobsOf(workflow)) {
    if (job?.permissions === undefined) {
      findings.push(`${workflow.name}: job ${name} has no permissions`);
    }
    if (!callsReusableWorkflow(job) && !(Number.isInteger(job?.['timeout-minutes']) && job['timeout-minutes'] > 0)) {
      findings.push(`${workflow.name}: job ${name} has no timeout-minutes`);
    }
  }
  return findings;
}

export function checkConcurrency(workflow) {
  const concurrency = workflow.data?.concurrency;
  const group = typeof concurrency === 'string' ? concurrency : concurrency?.group;
  if (typeof group !== 'string' || group.trim() === '') {
    return [`${workflow.name}: missing a concurrency group`];
  }
  return [];
}

// Returns the "uses:" values of a job's steps.
export function stepActions(job) {
  return (job?.steps ?? []).map((step) => step.uses).filter(Boolean);
}

// Returns the "run:" scripts of a job's steps, joined.
export function stepScripts(job) {
  return (job?.steps ?? []).map((step) => step.run ?? '').join('\n');
}
