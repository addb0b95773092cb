// Shared helpers of the browser tests: where the portal and the sample data are, how to
// start Debian's Chromium, and how to fill in the registration form from a sample body.
import { mkdirSync, readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const testsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repositoryRoot = resolve(testsDir, '..', '..');
export const artifactsDir = join(testsDir, 'artifacts');

export const CHROMIUM_PATH = process.env.PORTAL_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Returns the portal's origin from PORTAL_BASE_URL, which the test runner sets after it
// starts the real stack. Throws when it is unset, so no test runs against a guess.
export function baseUrl() {
  const value = process.env.PORTAL_BASE_URL;
  if (!value) {
    throw new Error('PORTAL_BASE_URL is not set: start the portal stack and set it, e.g. PORTAL_BASE_URL=http://127.0.0.1:8080');
  }
  const url = new URL(value);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`PORTAL_BASE_URL must be a loopback address, got ${value}`);
  }
  return value.replace(/\/+$/, '');
}

export function sharedDataDir() {
  return process.env.PORTAL_SHARED_DATA ?? join(repositoryRoot, '..', 'shared', 'data');
}

// Returns a sample registration body from the shared data, such as number 1 for
// registrations/registration-001.json.
export function sampleRegistration(number) {
  const file = join(sharedDataDir(), 'registrations', `registration-${String(number).padStart(3, '0')}.json`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

const LEGAL_SUFFIX = /\s+(public limited company|limited liability partnership|limited|ltd\.?|plc|llp)$/iu;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function randomWord(length = 10) {
  return Array.from({ length }, () => LETTERS[randomInt(LETTERS.length)]).join('');
}

// Returns the name with a random word inserted before its legal suffix, so each test run
// registers a name that no earlier run or other suite on the same stack has taken.
export function uniqueName(name) {
  const word = `Qz${randomWord()}`;
  const match = LEGAL_SUFFIX.exec(name);
  return match ? `${name.slice(0, match.index)} ${word}${match[0]}` : `${name} ${word}`;
}

// Returns a sample body with a unique company name.
export function uniqueRegistration(number) {
  const body = sampleRegistration(number);
  body.company.proposed_name = uniqueName(body.company.proposed_name);
  return body;
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: 30000 });
}

// Opens a page in a new context and records in page.problems the console errors, CSP
// violations and failed loads of the page's own files, so a test can assert that none
// happened. API error responses are left out because several tests cause them on purpose.
export async function openPage(browser, { bypassCSP = false } = {}) {
  const context = await browser.newContext({ bypassCSP, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('Failed to load resource')) return;
    if (message.type() === 'error' || /Content Security Policy/i.test(text)) {
      page.problems.push(`console ${message.type()}: ${text}`);
    }
  });
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 400 && !path.startsWith('/api/')) {
      page.problems.push(`HTTP ${response.status()} for ${path}`);
    }
  });
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  return page;
}

export async function saveScreenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}

// Opens the registration page with an empty draft.
export async function openRegistration(page) {
  await page.goto(`${baseUrl()}/`);
  await page.locator('#registration').waitFor({ state: 'visible' });
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await page.locator('#registration').waitFor({ state: 'visible' });
}

export function fieldId(path) {
  return `#f-${path.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;
}

export async function currentStepTitle(page) {
  return (await page.locator('#step-title').textContent()).trim();
}

async function fillAddress(page, path, address) {
  for (const key of ['line1', 'line2', 'locality', 'region', 'postal_code']) {
    await page.fill(fieldId(`${path}.${key}`), address[key] ?? '');
  }
  await page.selectOption(fieldId(`${path}.country`), address.country);
}

export async function fillCompanyStep(page, company) {
  // USWDS moves the radio input off screen and draws its label, so the test clicks the label.
  await page.click(`label[for="f-company-type-${company.type}"]`);
  await page.fill(fieldId('company.proposed_name'), company.proposed_name);
  for (let index = 0; index < 4; index += 1) {
    await page.fill(fieldId(`company.activity_codes[${index}]`), company.activity_codes[index] ?? '');
  }
  await fillAddress(page, 'company.registered_office', company.registered_office);
  if (company.share_capital) {
    await page.selectOption(fieldId('company.share_capital.currency'), company.share_capital.currency);
    await page.fill(fieldId('company.share_capital.shares'), String(company.share_capital.shares));
    await page.fill(fieldId('company.share_capital.nominal_value_minor'), String(company.share_capital.nominal_value_minor));
  }
}

export async function fillOfficersStep(page, officers) {
  for (let index = 0; index < officers.length; index += 1) {
    if (index > 0) await page.click('#f-officers');
    const officer = officers[index];
    const path = `officers[${index}]`;
    const [year, month, day] = officer.date_of_birth.split('-');
    await page.selectOption(fieldId(`${path}.role`), officer.role);
    await page.fill(fieldId(`${path}.given_name`), officer.given_name);
    await page.fill(fieldId(`${path}.family_name`), officer.family_name);
    await page.fill(fieldId(`${path}.date_of_birth.day`), day);
    await page.fill(fieldId(`${path}.date_of_birth.month`), month);
    await page.fill(fieldId(`${path}.date_of_birth.year`), year);
    await page.fill(fieldId(`${path}.nationality`), officer.nationality);
    await page.selectOption(fieldId(`${path}.country_of_residence`), officer.country_of_residence);
    await page.fill(fieldId(`${path}.email`), officer.email ?? '');
    await fillAddress(page, `${path}.service_address`, officer.service_address);
  }
}

export async function fillApplicantStep(page, applicant) {
  await page.fill(fieldId('applicant.full_name'), applicant.full_name);
  await page.fill(fieldId('applicant.email'), applicant.email);
  await page.fill(fieldId('applicant.phone'), applicant.phone ?? '');
}

// Presses Continue and waits for the step indicator to show the expected step title.
export async function continueTo(page, title) {
  await page.click('#continue-button');
  await page.locator('#step-title', { hasText: title }).waitFor();
}

// Fills every step from a sample body and stops on "Check your answers". screenshots
// names a prefix for one screenshot per step, or is omitted.
export async function fillRegistration(page, body, { screenshots } = {}) {
  const shoot = async (step) => {
    if (screenshots) await saveScreenshot(page, `${screenshots}-${step}`);
  };
  await fillCompanyStep(page, body.company);
  await shoot('1-company');
  await continueTo(page, 'Officers');
  await fillOfficersStep(page, body.officers);
  await shoot('2-officers');
  await continueTo(page, 'Applicant');
  await fillApplicantStep(page, body.applicant);
  await shoot('3-applicant');
  await continueTo(page, 'Declaration');
  await page.click('label[for="f-declaration-agreed"]');
  await shoot('4-declaration');
  await continueTo(page, 'Check your answers');
  await shoot('5-review');
}

// Submits from "Check your answers" and waits for the receipt. Returns { reference, token }.
export async function submitAndReadReceipt(page) {
  await page.click('#continue-button');
  await page.locator('#receipt').waitFor({ state: 'visible', timeout: 30000 });
  return {
    reference: (await page.locator('#receipt-reference').textContent()).trim(),
    token: (await page.locator('#receipt-token').textContent()).trim(),
  };
}

// Looks a registration up on the status page and waits for its result or its error.
export async function checkStatus(page, reference, token) {
  await page.goto(`${baseUrl()}/status.html`);
  await page.fill('#f-reference', reference);
  await page.fill('#f-receipt_token', token);
  await page.click('#check-button');
  await page.waitForSelector('#status-result:not([hidden]), #lookup-failed:not([hidden])');
}

// Returns YYYY-MM-DD for the day someone turns the given age today, in UTC. A 29 February
// birthday falls on 28 February when the target year has none.
export function birthDateForAge(age, now = new Date()) {
  const year = now.getUTCFullYear() - age;
  const month = now.getUTCMonth();
  let day = now.getUTCDate();
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  day = Math.min(day, daysInMonth);
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Sends a registration straight to the API, as another client would. Returns
// { status, body }.
export async function postRegistration(body, idempotencyKey) {
  const headers = { 'Content-Type': 'application/json' };
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const response = await fetch(`${baseUrl()}/api/v1/registrations`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

// Returns the inline error message shown for an error path, such as
// "officers[0].date_of_birth", or null when none is shown.
export async function inlineError(page, path) {
  return page.evaluate((errorPath) => {
    const id = `f-${errorPath.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;
    const control = document.getElementById(id) ?? document.querySelector(`[id^="${id}-"]`);
    const group =
      [...document.querySelectorAll('[data-error-for]')].find((node) => node.dataset.errorFor === errorPath) ??
      control?.closest('.usa-form-group');
    const message = group?.querySelector('.usa-error-message');
    return message && !message.closest('[hidden]') ? message.textContent.trim() : null;
  }, path);
}

export async function summaryEntries(page) {
  return page.locator('#error-summary-list li').allTextContents();
}
