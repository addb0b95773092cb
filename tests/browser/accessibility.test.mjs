// WCAG 2.2 AA checks: an axe-core scan of every step and page state, a registration
// completed with the keyboard alone, and "Change" from "Check your answers".
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import {
  baseUrl,
  checkStatus,
  continueTo,
  currentStepTitle,
  fillApplicantStep,
  fillCompanyStep,
  fillOfficersStep,
  fillRegistration,
  launchBrowser,
  openPage,
  openRegistration,
  saveScreenshot,
  submitAndReadReceipt,
  uniqueRegistration,
} from './lib/portal.mjs';

const axe = createRequire(import.meta.url)('axe-core');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let browser;
before(async () => {
  baseUrl();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

// Runs axe-core on the page and returns its violations as readable lines.
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axe.source);
  const violations = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }).then((result) => result.violations),
    AXE_TAGS,
  );
  return violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}

async function assertAccessible(page, state) {
  await saveScreenshot(page, `axe-${state}`);
  assert.deepEqual(await axeViolations(page), [], `axe violations on ${state}`);
}

test('axe finds no violations on any step', { timeout: 150000 }, async () => {
  // Only this context bypasses the CSP, because axe-core is injected as a script.
  const page = await openPage(browser, { bypassCSP: true });
  const body = uniqueRegistration(11);
  await openRegistration(page);
  await assertAccessible(page, '1-company-empty');

  await page.click('#continue-button');
  await page.locator('#error-summary').waitFor({ state: 'visible' });
  await assertAccessible(page, '1-company-errors');

  await fillCompanyStep(page, body.company);
  await page.locator('#name-availability', { hasText: 'available' }).waitFor({ timeout: 10000 });
  await assertAccessible(page, '1-company-filled');
  await continueTo(page, 'Officers');
  await fillOfficersStep(page, body.officers);
  await assertAccessible(page, '2-officers');
  await continueTo(page, 'Applicant');
  await fillApplicantStep(page, body.applicant);
  await assertAccessible(page, '3-applicant');
  await continueTo(page, 'Declaration');
  await assertAccessible(page, '4-declaration');
  await page.click('label[for="f-declaration-agreed"]');
  await continueTo(page, 'Check your answers');
  await assertAccessible(page, '5-review');

  const { reference, token } = await submitAndReadReceipt(page);
  await assertAccessible(page, '6-receipt');

  await checkStatus(page, reference, token);
  await assertAccessible(page, '7-status-found');
  await checkStatus(page, reference, 'wrong-token');
  await assertAccessible(page, '8-status-not-found');
  await page.context().close();
});

// Presses Tab (or Shift+Tab with back) until the element with the id has focus.
async function tabTo(page, id, { back = false, limit = 150 } = {}) {
  for (let presses = 0; presses < limit; presses += 1) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`#${id} did not receive focus after ${limit} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

async function typeInto(page, id, text) {
  if (!text) return;
  await tabTo(page, id);
  await page.keyboard.type(text);
}

// Chooses an option of a closed select by typing the start of its label, as a keyboard
// user does, and checks the choice.
async function chooseOption(page, id, label, value) {
  await tabTo(page, id);
  await page.keyboard.type(label, { delay: 30 });
  assert.equal(await page.inputValue(`#${id}`), value, `#${id} after typing "${label}"`);
}

async function keyboardAddress(page, prefix, address, countryLabel) {
  await typeInto(page, `${prefix}-line1`, address.line1);
  await typeInto(page, `${prefix}-line2`, address.line2);
  await typeInto(page, `${prefix}-locality`, address.locality);
  await typeInto(page, `${prefix}-region`, address.region);
  await typeInto(page, `${prefix}-postal_code`, address.postal_code);
  await chooseOption(page, `${prefix}-country`, countryLabel(address.country), address.country);
}

async function pressContinue(page, title) {
  await tabTo(page, 'continue-button');
  await page.keyboard.press('Enter');
  await page.locator('#step-title', { hasText: title }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'step-heading', `focus on the ${title} heading`);
}

test('keyboard alone completes registration', { timeout: 150000 }, async () => {
  const page = await openPage(browser);
  const body = uniqueRegistration(17);
  const countryNames = await (async () => {
    await openRegistration(page);
    return page.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll('#f-company-registered_office-country option')].map((o) => [o.value, o.textContent])),
    );
  })();
  const countryLabel = (code) => countryNames[code];
  const company = body.company;
  assert.equal(company.type, 'LIMITED_LIABILITY_PARTNERSHIP', 'sample 17 is a partnership');

  // The company type is a radio group: Tab reaches it, the arrow keys choose.
  await tabTo(page, 'f-company-type-PRIVATE_LIMITED_BY_SHARES');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.isChecked('#f-company-type-LIMITED_LIABILITY_PARTNERSHIP'), true);
  assert.equal(await page.locator('#share-capital').isVisible(), false, 'no share capital for a partnership');

  await typeInto(page, 'f-company-proposed_name', company.proposed_name);
  for (const [index, code] of company.activity_codes.entries()) {
    await typeInto(page, `f-company-activity_codes-${index}`, code);
  }
  await keyboardAddress(page, 'f-company-registered_office', company.registered_office, countryLabel);
  await saveScreenshot(page, 'keyboard-1-company');
  await pressContinue(page, 'Officers');

  for (const [index, officer] of body.officers.entries()) {
    const prefix = `f-officers-${index}`;
    if (index > 0) {
      await tabTo(page, 'f-officers');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.id), `${prefix}-role`, 'focus on the new officer');
    }
    const roleLabel = officer.role === 'DESIGNATED_MEMBER' ? 'Designated member' : 'Member';
    await chooseOption(page, `${prefix}-role`, roleLabel, officer.role);
    await typeInto(page, `${prefix}-given_name`, officer.given_name);
    await typeInto(page, `${prefix}-family_name`, officer.family_name);
    const [year, month, day] = officer.date_of_birth.split('-');
    await typeInto(page, `${prefix}-date_of_birth-day`, day);
    await typeInto(page, `${prefix}-date_of_birth-month`, month);
    await typeInto(page, `${prefix}-date_of_birth-year`, year);
    await typeInto(page, `${prefix}-nationality`, officer.nationality);
    await chooseOption(page, `${prefix}-country_of_residence`, countryLabel(officer.country_of_residence), officer.country_of_residence);
    await typeInto(page, `${prefix}-email`, officer.email);
    await keyboardAddress(page, `${prefix}-service_address`, officer.service_address, countryLabel);
  }
  await saveScreenshot(page, 'keyboard-2-officers');
  await pressContinue(page, 'Applicant');

  await typeInto(page, 'f-applicant-full_name', body.applicant.full_name);
  await typeInto(page, 'f-applicant-email', body.applicant.email);
  await typeInto(page, 'f-applicant-phone', body.applicant.phone);
  await pressContinue(page, 'Declaration');

  // Shift+Tab back to the checkbox from the buttons, then Space ticks it.
  await tabTo(page, 'continue-button');
  await tabTo(page, 'f-declaration-agreed', { back: true });
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('#f-declaration-agreed'), true);
  await pressContinue(page, 'Check your answers');
  await saveScreenshot(page, 'keyboard-5-review');

  await tabTo(page, 'continue-button');
  await page.keyboard.press('Enter');
  await page.locator('#receipt').waitFor({ state: 'visible', timeout: 30000 });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'receipt-heading', 'focus on the receipt');
  assert.ok((await page.locator('#receipt-reference').textContent()).trim(), 'receipt shows the reference');
  await saveScreenshot(page, 'keyboard-6-receipt');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('change returns to check answers', { timeout: 120000 }, async () => {
  const page = await openPage(browser, { bypassCSP: true });
  const body = uniqueRegistration(5);
  assert.equal(body.officers.length, 2, 'sample 5 has two officers');
  await openRegistration(page);
  await fillRegistration(page, body);
  const activeId = () => page.evaluate(() => document.activeElement?.id);
  const returnButton = page.locator('#return-to-review-button');

  // "Change" on the second officer opens the Officers step with focus on that officer.
  await page.getByRole('button', { name: 'Change officer 2', exact: true }).click();
  await page.locator('#step-title', { hasText: 'Officers' }).waitFor();
  assert.equal(await activeId(), 'f-officers-1-legend', 'focus on the second officer');
  assert.equal(await returnButton.isVisible(), true, 'offers the way back');
  assert.equal((await returnButton.textContent()).trim(), 'Back to check your answers');
  await assertAccessible(page, 'change-officers');

  // The keyboard reaches the button from the changed field and returns with Enter.
  await page.fill('#f-officers-1-given_name', 'Wilhelmina');
  await tabTo(page, 'return-to-review-button');
  await page.keyboard.press('Enter');
  await page.locator('#step-title', { hasText: 'Check your answers' }).waitFor();
  assert.equal(await activeId(), 'step-heading', 'focus on the Check your answers heading');
  assert.equal(await returnButton.isVisible(), false, 'no way back on Check your answers itself');
  assert.match(await page.locator('#review-content').textContent(), /Wilhelmina/, 'review shows the change');

  // An invalid change keeps the applicant on the step, with the error summary focused.
  await page.getByRole('button', { name: 'Change applicant', exact: true }).click();
  await page.locator('#step-title', { hasText: 'Applicant' }).waitFor();
  assert.equal(await activeId(), 'step-heading', 'focus on the Applicant heading');
  await page.fill('#f-applicant-email', '');
  await returnButton.click();
  await page.locator('#error-summary').waitFor({ state: 'visible' });
  assert.equal(await currentStepTitle(page), 'Applicant', 'stays on the step with the error');
  assert.equal(await activeId(), 'error-summary', 'focus on the error summary');
  await assertAccessible(page, 'change-applicant-error');

  // The way back survives a reload of the changed step.
  await page.reload();
  await page.locator('#registration').waitFor({ state: 'visible' });
  assert.equal(await currentStepTitle(page), 'Applicant');
  assert.equal(await returnButton.isVisible(), true, 'the way back is still offered after a reload');

  await page.fill('#f-applicant-email', body.applicant.email);
  await returnButton.click();
  await page.locator('#step-title', { hasText: 'Check your answers' }).waitFor();
  assert.equal(await page.locator('#error-summary').isVisible(), false, 'errors cleared');
  const { reference } = await submitAndReadReceipt(page);
  assert.ok(reference, 'the changed answers submit');
  await page.context().close();
});
