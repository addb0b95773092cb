// Field errors from the page's own checks and from the server's 422, and the 409 for a
// name that is already taken.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  baseUrl,
  birthDateForAge,
  currentStepTitle,
  fillCompanyStep,
  fillRegistration,
  inlineError,
  launchBrowser,
  openPage,
  openRegistration,
  postRegistration,
  saveScreenshot,
  summaryEntries,
  uniqueName,
  uniqueRegistration,
} from './lib/portal.mjs';

let browser;
before(async () => {
  baseUrl();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('client error beside field and in summary', { timeout: 60000 }, async () => {
  const page = await openPage(browser);
  const body = uniqueRegistration(2);
  await openRegistration(page);
  await fillCompanyStep(page, body.company);
  await page.fill('#f-company-proposed_name', 'Northwind Analytics Trading');
  await page.fill('#f-company-registered_office-postal_code', 'LS1 #4AB');
  await page.click('#continue-button');

  await page.locator('#error-summary').waitFor({ state: 'visible' });
  await saveScreenshot(page, 'errors-client-side');
  assert.equal(await currentStepTitle(page), 'Company', 'stays on the company step');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary', 'focus on the summary');

  const nameError = await inlineError(page, 'company.proposed_name');
  assert.match(nameError ?? '', /must end with/, 'name error beside the name');
  const postalError = await inlineError(page, 'company.registered_office.postal_code');
  assert.match(postalError ?? '', /letters, digits, spaces and hyphens/, 'postal code error beside it');
  assert.equal(await page.getAttribute('#f-company-proposed_name', 'aria-invalid'), 'true');

  const entries = await summaryEntries(page);
  assert.equal(entries.length, 2, `summary lists both errors: ${entries.join(' | ')}`);
  await page.click('#error-summary-list a[href="#f-company-registered_office-postal_code"]');
  assert.equal(
    await page.evaluate(() => document.activeElement.id),
    'f-company-registered_office-postal_code',
    'summary link focuses the field',
  );
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('server 422 shown beside field', { timeout: 90000 }, async () => {
  const page = await openPage(browser);
  const body = uniqueRegistration(3);
  const fifteenYearsOld = birthDateForAge(15);
  let altered = 0;

  // The page refuses an officer under 16 itself, so the test changes the request on its
  // way out: the real server must then find the error.
  await page.route('**/api/v1/registrations', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const sent = JSON.parse(route.request().postData());
    sent.officers[0].date_of_birth = fifteenYearsOld;
    altered += 1;
    return route.continue({ postData: JSON.stringify(sent) });
  });

  await openRegistration(page);
  await fillRegistration(page, body);
  await page.click('#continue-button');
  await page.locator('#error-summary').waitFor({ state: 'visible', timeout: 30000 });
  await saveScreenshot(page, 'errors-server-422');

  assert.equal(altered, 1, 'one request altered');
  assert.equal(await currentStepTitle(page), 'Officers', 'opens the step of the field');
  const message = await inlineError(page, 'officers[0].date_of_birth');
  assert.ok(message, 'server error shown beside the date of birth');
  const entries = await summaryEntries(page);
  assert.ok(
    entries.some((entry) => entry.startsWith('Officer 1, Date of birth')),
    `summary names the field: ${entries.join(' | ')}`,
  );
  assert.equal(await page.locator('#receipt').isVisible(), false, 'no receipt');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('taken name returns to name field', { timeout: 90000 }, async () => {
  const first = uniqueRegistration(4);
  const created = await postRegistration(first, crypto.randomUUID());
  assert.equal(created.status, 201, `first registration: ${JSON.stringify(created.body)}`);

  // The same name after normalization: other case, other punctuation, same suffix type.
  const second = uniqueRegistration(5);
  second.company.type = first.company.type;
  second.company.share_capital = first.company.share_capital;
  second.company.proposed_name = first.company.proposed_name.toUpperCase().replace(/ - /g, '-');
  second.officers = first.officers;

  const page = await openPage(browser);
  await openRegistration(page);
  await fillRegistration(page, second);
  await page.click('#continue-button');
  await page.locator('#error-summary').waitFor({ state: 'visible', timeout: 30000 });
  await saveScreenshot(page, 'errors-409-name-taken');

  assert.equal(await currentStepTitle(page), 'Company', 'back on the company step');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-company-proposed_name', 'focus on the name');
  assert.match((await inlineError(page, 'company.proposed_name')) ?? '', /not available/);
  assert.match((await summaryEntries(page)).join(' '), /not available/);
  assert.match(await page.locator('#name-availability').textContent(), /not available/, 'name check agrees');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('name check announces availability', { timeout: 60000 }, async () => {
  const page = await openPage(browser);
  await openRegistration(page);
  const requests = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/names/availability')) requests.push(request.url());
  });
  assert.equal(await page.getAttribute('#name-availability', 'aria-live'), 'polite');
  await page.click('label[for="f-company-type-PRIVATE_LIMITED_BY_SHARES"]');
  await page.locator('#f-company-proposed_name').pressSequentially(uniqueName('Harbour Lights Ltd'), { delay: 20 });
  await page.locator('#name-availability', { hasText: 'is available' }).waitFor({ timeout: 10000 });
  assert.equal(requests.length, 1, `one lookup after typing stops, got ${requests.length}`);
  await page.context().close();
});

test('unknown field path listed in summary', { timeout: 90000 }, async () => {
  const page = await openPage(browser);
  const body = uniqueRegistration(6);
  await openRegistration(page);
  await fillRegistration(page, body);

  // A draft saved before the page kept the body of an unconfirmed submission has a key but
  // no body to resend. Here another submission has already used that key, so the server
  // rejects the page's body on the Idempotency-Key header: a path with no form field.
  const usedKey = crypto.randomUUID();
  const other = await postRegistration(uniqueRegistration(6), usedKey);
  assert.equal(other.status, 201, `the key was used first: ${JSON.stringify(other.body)}`);
  await page.evaluate((key) => {
    const name = 'company-registration:draft';
    const draft = JSON.parse(window.localStorage.getItem(name));
    draft.idempotencyKey = key;
    delete draft.unconfirmedBody;
    window.localStorage.setItem(name, JSON.stringify(draft));
  }, usedKey);
  await page.reload();
  await page.locator('#registration').waitFor({ state: 'visible' });
  assert.equal(await currentStepTitle(page), 'Check your answers');

  let attempts = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/registrations') attempts += 1;
  });
  await page.click('#continue-button');
  await page.locator('#error-summary').waitFor({ state: 'visible', timeout: 30000 });
  await saveScreenshot(page, 'errors-unmapped-path');

  const entries = await summaryEntries(page);
  assert.ok(entries.some((entry) => entry.startsWith('Idempotency-Key')), `summary: ${entries.join(' | ')}`);
  assert.equal(attempts, 1, `one POST sent, got ${attempts}`);
  await page.context().close();
});
