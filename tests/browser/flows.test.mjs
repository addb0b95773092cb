// Draft resume, and the guarantees against registering twice: a double click, a retry
// after a lost answer, and the back button after success.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  baseUrl,
  continueTo,
  currentStepTitle,
  fillCompanyStep,
  fillRegistration,
  launchBrowser,
  openPage,
  openRegistration,
  postRegistration,
  saveScreenshot,
  submitAndReadReceipt,
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

// Records the registration POSTs that a page sends.
function recordSubmissions(page) {
  const submissions = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/registrations') {
      submissions.push({ key: request.headers()['idempotency-key'], body: request.postData() });
    }
  });
  return submissions;
}

test('draft resumes after reload', { timeout: 60000 }, async () => {
  const page = await openPage(browser);
  const submissions = recordSubmissions(page);
  const body = uniqueRegistration(7);
  await openRegistration(page);
  await fillCompanyStep(page, body.company);
  await continueTo(page, 'Officers');
  await page.selectOption('#f-officers-0-role', 'DIRECTOR');
  await page.fill('#f-officers-0-given_name', body.officers[0].given_name);
  await page.click('#f-officers');
  await page.fill('#f-officers-1-family_name', body.officers[1].family_name);

  await page.reload();
  await page.locator('#registration').waitFor({ state: 'visible' });
  await saveScreenshot(page, 'resume-after-reload');
  assert.equal(await currentStepTitle(page), 'Officers', 'resumes on the same step');
  assert.equal(await page.locator('#draft-notice').isVisible(), true, 'says the answers were restored');
  assert.equal(await page.inputValue('#f-officers-0-role'), 'DIRECTOR');
  assert.equal(await page.inputValue('#f-officers-0-given_name'), body.officers[0].given_name);
  assert.equal(await page.inputValue('#f-officers-1-family_name'), body.officers[1].family_name);

  await page.click('#back-button');
  assert.equal(await page.inputValue('#f-company-proposed_name'), body.company.proposed_name);
  assert.equal(await page.isChecked(`#f-company-type-${body.company.type}`), true);
  assert.equal(await page.inputValue('#f-company-share_capital-shares'), String(body.company.share_capital.shares));
  assert.equal(submissions.length, 0, 'nothing is sent before submit');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('double click registers once', { timeout: 90000 }, async () => {
  const page = await openPage(browser);
  const submissions = recordSubmissions(page);
  const body = uniqueRegistration(8);
  await openRegistration(page);
  await fillRegistration(page, body);

  await page.dblclick('#continue-button');
  await page.locator('#receipt').waitFor({ state: 'visible', timeout: 30000 });
  const reference = (await page.locator('#receipt-reference').textContent()).trim();
  const token = (await page.locator('#receipt-token').textContent()).trim();
  assert.equal(submissions.length, 1, `one POST sent, got ${submissions.length}`);
  assert.ok(reference, 'receipt shows a reference');

  // The back button after success must not send the registration again.
  await page.goBack();
  await page.waitForTimeout(500);
  assert.equal(submissions.length, 1, 'going back sends nothing');
  assert.equal(await page.evaluate(() => window.localStorage.length), 0, 'draft is gone');

  const status = await fetch(`${baseUrl()}/api/v1/registrations/${encodeURIComponent(reference)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(status.status, 200, 'the registration exists');

  const again = await postRegistration(JSON.parse(submissions[0].body), crypto.randomUUID());
  assert.equal(again.status, 409, `a second key finds the name taken: ${JSON.stringify(again.body)}`);
  await page.context().close();
});

test('retry after lost answer reuses key', { timeout: 90000 }, async () => {
  const page = await openPage(browser);
  const submissions = recordSubmissions(page);
  const body = uniqueRegistration(9);
  await openRegistration(page);
  await fillRegistration(page, body);

  // The first request reaches the server, which registers the company, but the browser
  // sees the connection drop, as after a timeout.
  let intercepted = 0;
  await page.route('**/api/v1/registrations', async (route) => {
    intercepted += 1;
    if (intercepted > 1) return route.continue();
    await route.fetch();
    return route.abort('connectionreset');
  });

  await page.click('#continue-button');
  await page.locator('#send-failed').waitFor({ state: 'visible', timeout: 30000 });
  await saveScreenshot(page, 'retry-send-failed');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'send-failed', 'focus on the message');
  assert.equal(await currentStepTitle(page), 'Check your answers', 'answers kept on the same step');
  const draft = await page.evaluate(() => JSON.parse(Object.values({ ...window.localStorage })[0]));
  assert.equal(draft.idempotencyKey, submissions[0].key, 'the key is saved with the draft');

  await page.click('#retry-button');
  await page.locator('#receipt').waitFor({ state: 'visible', timeout: 30000 });
  assert.equal(submissions.length, 2);
  assert.equal(submissions[1].key, submissions[0].key, 'the retry sends the same Idempotency-Key');
  assert.equal(submissions[1].body, submissions[0].body, 'and the same body');

  const again = await postRegistration(JSON.parse(submissions[0].body), crypto.randomUUID());
  assert.equal(again.status, 409, 'exactly one registration holds the name');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('receipt token not kept after submit', { timeout: 90000 }, async () => {
  const page = await openPage(browser);
  const body = uniqueRegistration(10);
  await openRegistration(page);
  await fillRegistration(page, body);
  const { token } = await submitAndReadReceipt(page);
  const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage, ...window.sessionStorage }));
  assert.equal(stored.includes(token), false, 'token is in no web storage');
  await page.reload();
  await page.locator('#registration').waitFor({ state: 'visible' });
  assert.equal(await currentStepTitle(page), 'Company', 'a reload starts a new registration');
  assert.equal(await page.inputValue('#f-company-proposed_name'), '');
  await page.context().close();
});

test('busy service offers calm retry', { timeout: 90000 }, async () => {
  const page = await openPage(browser);
  const submissions = recordSubmissions(page);
  const body = uniqueRegistration(12);
  await openRegistration(page);
  await fillRegistration(page, body);

  // The first request gets the gateway's documented 503 before reaching the real server;
  // the retry goes through to it.
  let intercepted = 0;
  await page.route('**/api/v1/registrations', async (route) => {
    intercepted += 1;
    if (intercepted > 1) return route.continue();
    return route.fulfill({
      status: 503,
      headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '3' },
      body: JSON.stringify({ type: 'about:blank', title: 'Service unavailable', status: 503, request_id: 'test' }),
    });
  });

  await page.click('#continue-button');
  await page.locator('#send-failed').waitFor({ state: 'visible', timeout: 30000 });
  await saveScreenshot(page, 'retry-503');
  assert.match(await page.locator('#send-failed-text').textContent(), /Wait 3 seconds/);
  assert.equal(await page.isEnabled('#continue-button'), true, 'submit is enabled again');

  await page.click('#retry-button');
  await page.locator('#receipt').waitFor({ state: 'visible', timeout: 30000 });
  assert.equal(submissions.length, 2);
  assert.equal(submissions[1].key, submissions[0].key, 'the retry sends the same Idempotency-Key');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
