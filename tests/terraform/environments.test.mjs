// Checks that the environment roots stay thin wrappers around
// modules/portal, each also run against a broken fixture.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadTree } from './lib/hcl.mjs';
import {
  environmentDirectories, checkThinRoots, checkMovedBlocks, compositionInputs, ADDRESSES_BEFORE_COMPOSITION,
} from './lib/environments.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const terraformRoot = join(here, '..', '..', 'terraform');
const brokenRoots = join(here, 'fixtures', 'broken', 'environment-roots');

let tree;
let brokenTree;

before(async () => {
  tree = await loadTree(terraformRoot);
  brokenTree = await loadTree(brokenRoots);
});

test('environment roots are found', () => {
  assert.deepEqual(environmentDirectories(tree), ['environments/production', 'environments/staging']);
});

test('environment roots are thin', () => {
  assert.deepEqual(checkThinRoots(tree), []);
});

test('thick environment root is reported', () => {
  assert.deepEqual(brokenTree.errors, []);
  const findings = checkThinRoots(brokenTree);
  assert.ok(findings.includes('environments/bad/main.tf: declares aws_s3_bucket.extra, which belongs in modules/portal'));
  assert.ok(findings.includes('environments/bad/main.tf: declares data.aws_caller_identity.current, which belongs in modules/portal'));
  assert.ok(findings.includes('environments/bad: has 3 module calls, expected exactly one to ../../modules/portal'));
  assert.ok(findings.includes('environments/bad/main.tf: module network calls ../../modules/network, expected ../../modules/portal'));
  assert.ok(findings.includes('environments/bad/extra.tf: module second_portal is declared outside main.tf'));
  assert.ok(findings.includes('environments/bad/main.tf: module portal does not pass providers aws and aws.us_east_1'));
  assert.ok(findings.includes('environments/bad/nested/main.tf: environment roots must not have nested directories'));
});

test('thin fixture root is not reported', () => {
  const findings = checkThinRoots(brokenTree);
  assert.deepEqual(findings.filter((finding) => finding.startsWith('environments/lean')), []);
});

// The moved blocks carry existing state into module.portal. When an
// environment's moved.tf is deleted, remove that environment from
// ENVIRONMENTS_BEFORE_COMPOSITION in lib/environments.mjs.
test('moved blocks cover the old addresses', () => {
  assert.equal(ADDRESSES_BEFORE_COMPOSITION.length, 12);
  assert.deepEqual(checkMovedBlocks(tree), []);
});

test('missing migrated environment is reported', () => {
  const findings = checkMovedBlocks(tree, ['environments/production', 'environments/gone']);
  assert.deepEqual(findings, ['environments/gone: not found, but it is listed as applied before modules/portal existed']);
});

test('wrong moved blocks are reported', () => {
  const findings = checkMovedBlocks(brokenTree, ['environments/bad']);
  assert.ok(findings.includes('environments/bad: no moved block for module.database'));
  assert.ok(findings.includes('environments/bad/moved.tf: moves module.network to module.network_v2, expected module.portal.module.network'));
  assert.ok(findings.includes('environments/bad/moved.tf: moves module.network to module.network_v2, which modules/portal does not declare'));
  assert.ok(findings.includes('environments/bad/moved.tf: moves module.ecs to module.portal.module.ecs_renamed, which modules/portal does not declare'));
  assert.ok(!findings.some((finding) => finding.includes('module.kms')), 'the correct module.kms move was reported');
  assert.ok(!findings.some((finding) => finding.startsWith('environments/lean')), 'a root added after the move was reported');
});

test('environments set the same inputs', () => {
  const inputs = compositionInputs(tree);
  assert.ok(inputs['environments/production'].length >= 10, `production sets only ${inputs['environments/production'].length} inputs`);
  assert.deepEqual(inputs['environments/staging'], inputs['environments/production']);
});

test('uneven environment inputs are reported', () => {
  const inputs = compositionInputs(brokenTree);
  assert.notDeepEqual(inputs['environments/lean'], inputs['environments/bad']);
});
