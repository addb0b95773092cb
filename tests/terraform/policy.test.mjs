// Runs every policy rule against the real Terraform tree, expecting no
// findings, and against its broken fixture, expecting at least one.

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { existsSync, mkdtempSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadTree, moduleCalls } from './lib/hcl.mjs';
import { rules } from './lib/rules.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const terraformRoot = join(here, '..', '..', 'terraform');
const fixturesRoot = join(here, 'fixtures', 'broken');

let tree;
const fixtureTrees = new Map();

// Each fixture is loaded alone, under a folder named like a module so that
// directory-scoped lookups (variables, locals) work the same way.
async function loadFixture(name) {
  if (!fixtureTrees.has(name)) {
    const root = mkdtempSync(join(tmpdir(), 'tf-fixture-'));
    mkdirSync(join(root, 'fixture'));
    copyFileSync(join(fixturesRoot, name), join(root, 'fixture', 'main.tf'));
    fixtureTrees.set(name, await loadTree(root));
  }
  return fixtureTrees.get(name);
}

before(async () => {
  tree = await loadTree(terraformRoot);
});

test('rule ids are unique', () => {
  const ids = rules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('at least 40 rules mirror tool checks', () => {
  const mirrored = rules.filter((rule) => !rule.id.startsWith('PORTAL_'));
  assert.ok(mirrored.length >= 40, `only ${mirrored.length} rules carry a checkov or Security Hub id`);
});

for (const rule of rules) {
  test(`${rule.id} ${rule.title}`, () => {
    const { checked, findings } = rule.check(tree);
    assert.ok(checked > 0, `${rule.id} matched nothing in terraform/, so it cannot pass meaningfully`);
    assert.deepEqual(findings, []);
  });

  test(`${rule.id} catches ${rule.fixture}`, async () => {
    assert.ok(existsSync(join(fixturesRoot, rule.fixture)), `fixture ${rule.fixture} is missing`);
    const broken = await loadFixture(rule.fixture);
    assert.deepEqual(broken.errors, []);
    const { findings } = rule.check(broken);
    assert.ok(findings.length > 0, `${rule.id} found nothing wrong in fixtures/broken/${rule.fixture}`);
  });
}

// PORTAL_NET_2 also checks the security groups the endpoints module is
// given, so it must find that module's call wherever the stack is composed.
test('PORTAL_NET_2 checks the endpoints module call', async () => {
  const rule = rules.find((r) => r.id === 'PORTAL_NET_2');
  const calls = moduleCalls(tree).filter((call) => call.body.source === '../endpoints');
  assert.deepEqual(calls.map((call) => call.dir), ['modules/portal']);
  const broken = await loadFixture(rule.fixture);
  assert.ok(rule.check(broken).findings.includes('fixture:module.endpoints: does not use the endpoints security group'));
});

// ECS.8 also reads the services' environment maps in module calls, which
// hcl2json returns as JSON for a literal map and as HCL text for merge().
test('ECS.8 checks module service environments', async () => {
  const rule = rules.find((r) => r.id === 'ECS.8');
  const broken = await loadFixture(rule.fixture);
  assert.ok(rule.check(broken).findings.includes('fixture:module.ecs.registration: PORTAL_REGISTRATION_TOKEN_KEY is a plain environment value'));
});
