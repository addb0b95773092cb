// Runs the Dockerfile and compose checks against deploy/, expecting no findings, and
// against tests/workflows/fixtures/broken, expecting each check to report the fault.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { checkPinnedBases, checkRuntimeStages, loadDockerfile, runtimeStages } from './lib/dockerfile.mjs';
import { checkComposeImages, checkComposeLimits, loadCompose } from './lib/compose.mjs';

const testFolder = fileURLToPath(new URL('.', import.meta.url));
const root = join(testFolder, '..', '..');
const broken = join(testFolder, 'fixtures', 'broken');

const dockerfile = loadDockerfile(join(root, 'deploy', 'docker', 'Dockerfile'));
const brokenDockerfile = loadDockerfile(join(broken, 'Dockerfile'));
const compose = loadCompose(join(root, 'deploy', 'compose.yaml'));
const brokenCompose = loadCompose(join(broken, 'compose.yaml'));

test('Dockerfile has one runtime stage per image', () => {
  assert.deepEqual(
    runtimeStages(dockerfile).map((stage) => stage.name).sort(),
    ['admin', 'admin-cli', 'audit', 'gateway', 'registration'],
  );
});

test('Dockerfile: every FROM pinned by digest', () => {
  assert.deepEqual(checkPinnedBases(dockerfile), []);
});

test('broken Dockerfile: unpinned FROM caught', () => {
  const findings = checkPinnedBases(brokenDockerfile);
  assert.ok(findings.some((finding) => /FROM debian:12-slim is not pinned/.test(finding)), JSON.stringify(findings));
});

test('Dockerfile: runtime stages numeric user, exec form', () => {
  assert.deepEqual(checkRuntimeStages(dockerfile), []);
});

test('broken Dockerfile: runtime stage faults caught', () => {
  const findings = checkRuntimeStages(brokenDockerfile);
  const expected = [
    /no-user: no USER/,
    /named-user: USER app is not numeric/,
    /root-user: USER 0:0 is root/,
    /named-user: ENTRYPOINT is not in exec form/,
    /root-user: HEALTHCHECK is not in exec form/,
  ];
  for (const pattern of expected) {
    assert.ok(findings.some((finding) => pattern.test(finding)), `expected ${pattern} in ${JSON.stringify(findings)}`);
  }
});

test('Dockerfile base is the Debian 12 slim digest', () => {
  assert.match(dockerfile.globalArgs.get('BASE_IMAGE'), /^docker\.io\/library\/debian:12-slim@sha256:[0-9a-f]{64}$/);
});

test('compose: images pinned by digest', () => {
  assert.deepEqual(checkComposeImages(compose), []);
});

test('broken compose: unpinned image caught', () => {
  const findings = checkComposeImages(brokenCompose);
  assert.ok(findings.some((finding) => /mysql:8\.0 is not pinned/.test(finding)), JSON.stringify(findings));
});

test('compose: portal services run as in ECS', () => {
  assert.deepEqual(checkComposeLimits(compose), []);
});

test('broken compose: missing limits caught', () => {
  const findings = checkComposeLimits(brokenCompose);
  for (const pattern of [/user is 0/, /read_only is not true/, /no tmpfs on \/tmp/, /capabilities are not dropped/, /exec form/]) {
    assert.ok(findings.some((finding) => pattern.test(finding)), `expected ${pattern} in ${JSON.stringify(findings)}`);
  }
});
