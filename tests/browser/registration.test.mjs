// Registers a sample company through the page and checks its receipt and status.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  baseUrl,
  checkStatus,
  fillRegistration,
  launchBrowser,
  openPage,
  openRegistration,
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

test('sample registration submits and shows status', { timeout: 120000 }, async () => {
  const page = await openPage(browser);
  const body = uniqueRegistration(1);
  await openRegistration(page);
  await fillRegistration(page, body, { screenshots: 'registration' });

  const review = await page.locator('#review-content').textContent();
  assert.ok(review.includes(body.company.proposed_name), 'review shows the company name');
  assert.ok(review.includes(body.officers[1].given_name), 'review shows the second officer');

  const { reference, token } = await submitAndReadReceipt(page);
  await saveScreenshot(page, 'registration-6-receipt');
  assert.match(reference, /^[0-9A-Z-]{4,16}$/i, 'reference has the documented form');
  assert.ok(token.length >= 22, `receipt token too short: ${token}`);
  assert.match(await page.locator('#receipt').textContent(), /shown only this once/);
  assert.equal(
    await page.evaluate(() => Object.values({ ...window.localStorage }).some((value) => value.includes('receipt'))),
    false,
    'nothing in localStorage mentions the receipt',
  );
  assert.equal(await page.evaluate(() => window.localStorage.length), 0, 'draft cleared after submit');

  await checkStatus(page, reference, token);
  await saveScreenshot(page, 'status-found');
  assert.equal(await page.locator('#status-result').isVisible(), true, 'status result shown');
  assert.equal((await page.locator('#result-status').textContent()).trim(), 'Submitted');
  assert.match(await page.locator('#result-submitted').textContent(), /UTC/);

  await checkStatus(page, reference, `${token}x`);
  assert.equal(await page.locator('#lookup-failed').isVisible(), true, 'wrong token is refused');
  assert.match(await page.locator('#lookup-failed').textContent(), /reference and receipt token/);

  assert.deepEqual(page.problems, [], 'no console errors or CSP violations');
  await page.context().close();
});
