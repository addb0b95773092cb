// Checks the browser's validation rules against the shared sample submissions: every
// valid sample passes, and every refused sample that the API answers with 422 fails on
// the fields that the API names.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  hasReachedAge,
  parseIsoDate,
  proposedNameError,
  todayUtc,
  validateRegistration,
} from '../src/js/rules.js';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedData = process.env.PORTAL_SHARED_DATA ?? join(repositoryRoot, '..', 'shared', 'data');

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

test('valid samples pass every rule', () => {
  const folder = join(sharedData, 'registrations');
  const files = readdirSync(folder).filter((name) => name.endsWith('.json'));
  assert.ok(files.length > 0, `no sample registrations in ${folder}`);
  for (const file of files) {
    const errors = validateRegistration(readJson(join(folder, file)));
    assert.deepEqual(errors, [], `${file} was rejected`);
  }
});

test('refused samples fail on named fields', () => {
  const folder = join(sharedData, 'invalid');
  const cases = readJson(join(folder, 'cases.json')).filter((entry) => entry.expect_status === 422);
  assert.ok(cases.length > 0, 'cases.json lists no 422 case');
  for (const entry of cases) {
    const body = readJson(join(folder, entry.file));
    const fields = validateRegistration(body).map((error) => error.field);
    for (const expected of entry.expect_fields) {
      assert.ok(fields.includes(expected), `${entry.file}: no error on ${expected}, got ${fields.join(', ')}`);
    }
  }
});

test('name suffix follows company type', () => {
  assert.equal(proposedNameError('Northwind Ltd.', 'PRIVATE_LIMITED_BY_SHARES'), null);
  assert.equal(proposedNameError('Northwind plc', 'PUBLIC_LIMITED'), null);
  assert.equal(proposedNameError('Northwind llp', 'LIMITED_LIABILITY_PARTNERSHIP'), null);
  assert.match(proposedNameError('Northwind Ltd', 'PUBLIC_LIMITED'), /must end with/);
  assert.match(proposedNameError('Northwind <b> Ltd', 'PRIVATE_LIMITED_BY_SHARES'), /can only contain/);
  assert.match(proposedNameError('Northwind 😀 Ltd', 'PRIVATE_LIMITED_BY_SHARES'), /can only contain/);
  assert.match(proposedNameError('Northwind\u0007 Ltd', 'PRIVATE_LIMITED_BY_SHARES'), /can only contain/);
});

test('dates must exist on the calendar', () => {
  assert.equal(parseIsoDate('2023-02-29'), null);
  assert.equal(parseIsoDate('2024-13-01'), null);
  assert.ok(parseIsoDate('2024-02-29'));
  assert.equal(parseIsoDate('0099-01-01').getUTCFullYear(), 99);
});

test('sixteenth birthday counts in UTC', () => {
  const today = todayUtc(new Date('2026-12-04T23:30:00-05:00'));
  assert.equal(today.toISOString(), '2026-12-05T00:00:00.000Z');
  assert.equal(hasReachedAge(parseIsoDate('2010-12-05'), 16, today), true);
  assert.equal(hasReachedAge(parseIsoDate('2010-12-06'), 16, today), false);
});
