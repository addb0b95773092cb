// Syntax and module conventions of the Terraform tree, each also run
// against a broken fixture.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { mkdtempSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadTree } from './lib/hcl.mjs';
import { moduleDirectories, checkModuleFiles, checkVariablesAndOutputs, checkVersions } from './lib/conventions.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const terraformRoot = join(here, '..', '..', 'terraform');
const brokenModules = join(here, 'fixtures', 'broken', 'module-conventions');

let tree;
let brokenTree;

before(async () => {
  tree = await loadTree(terraformRoot);
  brokenTree = await loadTree(brokenModules);
});

test('every .tf file parses', () => {
  assert.ok(tree.files.length > 50, `only ${tree.files.length} files parsed`);
  assert.deepEqual(tree.errors, []);
});

test('syntax error is reported', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tf-syntax-'));
  copyFileSync(join(here, 'fixtures', 'broken', 'syntax-error.tf.txt'), join(root, 'main.tf'));
  const broken = await loadTree(root);
  assert.equal(broken.errors.length, 1);
  assert.match(broken.errors[0].message, /Unclosed configuration block/);
});

test('modules have the standard files', () => {
  assert.ok(moduleDirectories(terraformRoot).length >= 11);
  assert.deepEqual(checkModuleFiles(terraformRoot), []);
});

test('missing module files are reported', () => {
  const findings = checkModuleFiles(brokenModules);
  assert.ok(findings.includes('modules/bad: variables.tf is missing'));
  assert.ok(findings.includes('modules/bad: README.md is missing'));
});

test('variables and outputs are documented', () => {
  assert.deepEqual(checkVariablesAndOutputs(tree), []);
});

test('undocumented variables are reported', () => {
  const findings = checkVariablesAndOutputs(brokenTree);
  assert.ok(findings.some((f) => f.includes('variable name has no description')));
  assert.ok(findings.some((f) => f.includes('variable name has no type')));
  assert.ok(findings.some((f) => f.includes('output id has no description')));
});

test('provider versions are constrained', () => {
  const stacks = tree.files.filter((file) => file.json.terraform?.[0]?.required_providers);
  assert.ok(stacks.length >= 14, `only ${stacks.length} version blocks`);
  assert.deepEqual(checkVersions(tree), []);
});

test('unconstrained provider is reported', () => {
  const findings = checkVersions(brokenTree);
  assert.ok(findings.some((f) => f.includes('required_version')));
  assert.ok(findings.some((f) => f.includes('hashicorp/aws')));
});

test('environments use the S3 backend', () => {
  for (const environment of ['production', 'staging']) {
    const versions = tree.files.find((file) => file.rel === `environments/${environment}/versions.tf`);
    assert.ok(versions?.json.terraform[0].backend?.s3, `${environment} has no backend "s3"`);
    const backend = readFileSync(join(terraformRoot, 'environments', environment, 'backend.hcl'), 'utf8');
    assert.match(backend, /^encrypt\s*=\s*true$/m);
    assert.match(backend, /^dynamodb_table\s*=/m);
    assert.match(backend, new RegExp(`^key\\s*=\\s*"${environment}/`, 'm'));
  }
});
