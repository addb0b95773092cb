// Draft resume, and the guarantees against registering twice: a double click, a retry
// after a lost response, the back button after success, and a submission with changed
// answers after a lost response.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  baseUrl,
  checkStatus,
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

// Lets the first registration POST reach the real server, then drops its response as after
// a timeout, and lets every later POST through. Returns the first response as the server
// sent it: { status, body }.
async function dropFirstResponse(page) {
  const first = {};
  let intercepted = 0;
  await page.route('**/api/v1/registrations', async (route) => {
    intercepted += 1;
    if (intercepted > 1) return route.continue();
    const response = await route.fetch();
    first.status = response.status();
    first.body = await response.json();
    return route.abort('timedout');
  });
  return first;
}

function storedDraft(page) {
  return page.evaluate(() => JSON.parse(window.localStorage.getItem('company-registration:draft')));
}

// Opens a step with its "Change" button on "Check your answers", runs edit, and returns
// with "Back to check your answers".
async function changeFromReview(page, section, stepTitle, edit) {
  await page.getByRole('button', { name: `Change ${section}`, exact: true }).click();
  await page.locator('#step-title', { hasText: stepTitle }).waitFor();
  await edit();
  await page.click('#return-to-review-button');
  await page.locator('#step-title', { hasText: 'Check your answers' }).waitFor();
}

test('edit after lost response recovers receipt', { timeout: 90000 }, async () => {
  const page = await openPage(browser);
  const submissions = recordSubmissions(page);
  const body = uniqueRegistration(13);
  await openRegistration(page);
  await fillRegistration(page, body);
  const first = await dropFirstResponse(page);

  await page.click('#continue-button');
  await page.locator('#send-failed').waitFor({ state: 'visible', timeout: 30000 });
  assert.equal(first.status, 201, `the server registered the first attempt: ${JSON.stringify(first.body)}`);
  const draft = await storedDraft(page);
  assert.equal(draft.idempotencyKey, submissions[0].key, 'the key is saved with the draft');
  assert.equal(draft.unconfirmedBody, submissions[0].body, 'the body sent with the key is saved too');
  const stored = await page.evaluate(() => JSON.stringify({ ...window.localStorage, ...window.sessionStorage }));
  assert.equal(stored.includes(first.body.receipt_token), false, 'the receipt token is in no web storage');

  const newPhone = '+447700900999';
  await changeFromReview(page, 'applicant', 'Applicant', () => page.fill('#f-applicant-phone', newPhone));
  assert.ok((await page.locator('#review-content').textContent()).includes(newPhone), 'review shows the new phone');

  await page.click('#continue-button');
  await page.locator('#receipt').waitFor({ state: 'visible', timeout: 30000 });
  await saveScreenshot(page, 'recovery-earlier-receipt');
  assert.equal(submissions.length, 2, `two POSTs sent, got ${submissions.length}`);
  assert.equal(submissions[1].key, submissions[0].key, 'the resend carries the first key');
  assert.equal(submissions[1].body, submissions[0].body, 'the resend carries the first body');
  assert.equal(JSON.parse(submissions[1].body).applicant.phone, body.applicant.phone, 'the edited phone was not sent');

  const reference = (await page.locator('#receipt-reference').textContent()).trim();
  const token = (await page.locator('#receipt-token').textContent()).trim();
  assert.equal(reference, first.body.reference, 'the receipt is the one of the first attempt');
  assert.equal(token, first.body.receipt_token, 'with its receipt token');
  assert.equal(await page.locator('#receipt-earlier-answers').isVisible(), true, 'the receipt explains the earlier answers');
  const explanation = await page.locator('#receipt-earlier-answers').textContent();
  assert.match(explanation, /latest changes were not submitted/);
  assert.match(explanation, /had reached the registry/);
  assert.match(explanation, /contact the registry/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'receipt-heading', 'focus on the receipt');
  assert.equal(await page.evaluate(() => window.localStorage.length), 0, 'draft cleared after the receipt');
  assert.deepEqual(page.problems, []);

  await checkStatus(page, reference, token);
  assert.equal(await page.locator('#status-result').isVisible(), true, 'the status page finds the registration');
  assert.equal((await page.locator('#result-reference').textContent()).trim(), reference);

  const edited = JSON.parse(submissions[0].body);
  edited.applicant.phone = newPhone;
  const again = await postRegistration(edited, crypto.randomUUID());
  assert.equal(again.status, 409, `a fresh submission of the name is refused: ${JSON.stringify(again.body)}`);
  await page.context().close();
});

test('edit after rejected attempt uses new key', { timeout: 90000 }, async () => {
  const page = await openPage(browser);
  const submissions = recordSubmissions(page);
  const body = uniqueRegistration(15);

  // Another applicant has registered the name, so the server rejects the page's first
  // attempt with 409, and rejects it again when the page resends it.
  const holder = await postRegistration(body, crypto.randomUUID());
  assert.equal(holder.status, 201, `the name was taken first: ${JSON.stringify(holder.body)}`);

  await openRegistration(page);
  await fillRegistration(page, body);
  const first = await dropFirstResponse(page);

  await page.click('#continue-button');
  await page.locator('#send-failed').waitFor({ state: 'visible', timeout: 30000 });
  assert.equal(first.status, 409, `the server refused the first attempt: ${JSON.stringify(first.body)}`);

  const newName = uniqueName(body.company.proposed_name);
  await changeFromReview(page, 'company', 'Company', () => page.fill('#f-company-proposed_name', newName));
  await page.click('#continue-button');
  await page.locator('#receipt').waitFor({ state: 'visible', timeout: 30000 });
  await saveScreenshot(page, 'recovery-new-key');

  assert.equal(submissions.length, 3, `three POSTs sent, got ${submissions.length}`);
  assert.equal(submissions[1].key, submissions[0].key, 'the resend carries the first key');
  assert.equal(submissions[1].body, submissions[0].body, 'the resend carries the first body');
  assert.notEqual(submissions[2].key, submissions[0].key, 'the current answers get a new key');
  assert.equal(JSON.parse(submissions[2].body).company.proposed_name, newName, 'the current answers are sent');
  assert.equal(await page.locator('#receipt-earlier-answers').isVisible(), false, 'no note about earlier answers');
  assert.deepEqual(page.problems, []);

  const reference = (await page.locator('#receipt-reference').textContent()).trim();
  const token = (await page.locator('#receipt-token').textContent()).trim();
  const replay = await postRegistration(JSON.parse(submissions[2].body), submissions[2].key);
  assert.equal(replay.status, 201, `the new key holds the registration: ${JSON.stringify(replay.body)}`);
  assert.equal(replay.body.reference, reference, 'the receipt is of the current answers');

  await checkStatus(page, reference, token);
  assert.equal(await page.locator('#status-result').isVisible(), true, 'the status page finds the registration');
  const again = await postRegistration(JSON.parse(submissions[2].body), crypto.randomUUID());
  assert.equal(again.status, 409, `a fresh submission of the new name is refused: ${JSON.stringify(again.body)}`);
  await page.context().close();
});
