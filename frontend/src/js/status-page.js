// Status page: the applicant enters a reference and a receipt token and sees the status.
// The token is sent only in the Authorization header and is never stored.

import { fetchRegistrationStatus, loadConfig } from './api.js';
import { clearFieldErrors, focusErrorSummary, showFieldErrors } from './field-errors.js';
import { formatTimestamp, statusLabel } from './format.js';

const byId = (id) => document.getElementById(id);

function showOptional(id, value) {
  const present = value !== undefined && value !== null && value !== '';
  byId(`${id}-label`).hidden = !present;
  byId(id).hidden = !present;
  byId(id).textContent = present ? String(value) : '';
}

function showResult(registration) {
  byId('result-reference').textContent = registration.reference;
  byId('result-status').textContent = statusLabel(registration.status);
  byId('result-submitted').replaceChildren(formatTimestamp(registration.submitted_at));
  byId('result-updated').replaceChildren(formatTimestamp(registration.updated_at));
  showOptional('result-company-number', registration.company_number);
  showOptional('result-decision-reason', registration.decision_reason);
  byId('status-result').hidden = false;
  byId('status-result-heading').focus();
}

function showLookupFailed(text) {
  byId('lookup-failed-text').textContent = text;
  byId('lookup-failed').hidden = false;
  byId('lookup-failed').focus();
}

let configLoaded = null;

async function onSubmit(event) {
  event.preventDefault();
  const button = byId('check-button');
  if (button.disabled) return;
  const reference = byId('f-reference').value.trim();
  const token = byId('f-receipt_token').value.trim();
  byId('status-result').hidden = true;
  byId('lookup-failed').hidden = true;

  const errors = [];
  if (!reference) errors.push({ field: 'reference', message: 'Enter the reference' });
  if (!token) errors.push({ field: 'receipt_token', message: 'Enter the receipt token' });
  if (errors.length > 0) {
    showFieldErrors(errors);
    focusErrorSummary();
    return;
  }
  clearFieldErrors();

  button.disabled = true;
  let outcome;
  try {
    await configLoaded;
    outcome = await fetchRegistrationStatus(reference, token);
  } catch (error) {
    console.error('The status lookup failed:', error);
    outcome = { kind: 'retryable', status: null };
  } finally {
    button.disabled = false;
  }

  if (outcome.kind === 'found') {
    showResult(outcome.registration);
  } else if (outcome.kind === 'not-found') {
    showLookupFailed(
      'No registration matches that reference and receipt token. Check that both are exactly as shown on your receipt.',
    );
  } else if (outcome.kind === 'retryable') {
    const wait = outcome.retryAfter ? ` Wait ${outcome.retryAfter} seconds, then try again.` : ' Try again in a moment.';
    showLookupFailed(`The registry could not be reached or is busy.${wait}`);
  } else {
    showLookupFailed(`The registry could not answer (error ${outcome.status}). Try again later.`);
  }
}

function start() {
  document.documentElement.classList.replace('no-js', 'js');
  configLoaded = loadConfig().catch((error) => {
    console.error('The status page could not load config.json:', error);
    throw error;
  });
  byId('status-form').addEventListener('submit', onSubmit);
}

start();
