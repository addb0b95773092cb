// Controller of the registration page: steps, draft saving, the name check, submission
// with an Idempotency-Key, recovery of a submission whose response was lost, and the receipt.

import { checkNameAvailability, loadConfig, submitRegistration } from './api.js';
import { buildRequestBody, emptyAnswers, emptyOfficer, readAnswers, writeAnswers } from './answers.js';
import { companyType, isPartnership } from './company-types.js';
import { addressFields, setOptions } from './dom.js';
import { clearDraft, loadDraft, saveDraft } from './draft-store.js';
import { clearFieldErrors, controlForPath, focusErrorSummary, showFieldErrors, stepOfPath } from './field-errors.js';
import { CURRENCIES } from './iso-codes.js';
import { renderOfficers, updateRoleOptions } from './officers.js';
import { renderReview } from './review.js';
import { MAX_OFFICERS, validateRegistration } from './rules.js';
import { formatTimestamp, statusLabel } from './format.js';

const STEPS = [
  { id: 'company', title: 'Company' },
  { id: 'officers', title: 'Officers' },
  { id: 'applicant', title: 'Applicant' },
  { id: 'declaration', title: 'Declaration' },
  { id: 'review', title: 'Check your answers' },
];
const NAME_CHECK_DELAY_MS = 400;

const byId = (id) => document.getElementById(id);
const form = () => byId('registration-form');

const state = {
  stepIndex: 0,
  officerCount: 1,
  jurisdiction: 'GB',
  reachedReview: false,
  idempotencyKey: null,
  unconfirmedBody: null,
  sending: false,
  submitted: false,
  nameCheckTimer: null,
  nameCheckAbort: null,
};

function currentAnswers() {
  return readAnswers(form(), state.officerCount, state.jurisdiction);
}

function persistDraft() {
  if (state.submitted) return;
  saveDraft({
    answers: currentAnswers(),
    step: STEPS[state.stepIndex].id,
    reachedReview: state.reachedReview,
    idempotencyKey: state.idempotencyKey,
    unconfirmedBody: state.unconfirmedBody,
  });
}

function selectedType() {
  return form().querySelector('input[name="company.type"]:checked')?.value ?? '';
}

// Shows the share capital only for the types that have it, and limits officer roles.
function applyCompanyType() {
  const typeValue = selectedType();
  const type = companyType(typeValue);
  byId('share-capital').hidden = !type?.needsShareCapital;
  updateRoleOptions(byId('officers-list'), typeValue);
  byId('officers-intro').textContent = isPartnership(typeValue)
    ? 'Add the members of the partnership. A partnership needs at least 2 designated members.'
    : 'Add the directors, and the secretary if the company has one. A company needs at least 1 director.';
}

// ---- Steps ----------------------------------------------------------------

function renderStepIndicator() {
  const segments = STEPS.map((step, index) => {
    const item = document.createElement('li');
    item.className = 'usa-step-indicator__segment';
    const label = document.createElement('span');
    label.className = 'usa-step-indicator__segment-label';
    label.textContent = step.title;
    const status = document.createElement('span');
    status.className = 'usa-sr-only';
    if (index < state.stepIndex) {
      item.classList.add('usa-step-indicator__segment--complete');
      status.textContent = ' completed';
    } else if (index === state.stepIndex) {
      item.classList.add('usa-step-indicator__segment--current');
      item.setAttribute('aria-current', 'step');
    } else {
      status.textContent = ' not completed';
    }
    label.append(status);
    item.append(label);
    return item;
  });
  byId('step-segments').replaceChildren(...segments);
  byId('step-number').textContent = String(state.stepIndex + 1);
  byId('step-total').textContent = `of ${STEPS.length}`;
  byId('step-title').textContent = STEPS[state.stepIndex].title;
}

// Shows one step. focus moves keyboard and screen reader focus to the step heading.
// save stores the draft with the new step, which the first display on load skips.
function showStep(index, { focus = true, pushHistory = false, save = true } = {}) {
  state.stepIndex = Math.max(0, Math.min(index, STEPS.length - 1));
  const stepId = STEPS[state.stepIndex].id;
  for (const section of form().querySelectorAll('section[data-step]')) {
    section.hidden = section.dataset.step !== stepId;
  }
  if (stepId === 'review') {
    state.reachedReview = true;
    renderReview(byId('review-content'), buildRequestBody(currentAnswers()), changeAnswers);
  }
  renderStepIndicator();
  byId('back-button').hidden = state.stepIndex === 0;
  byId('return-to-review-button').hidden = !state.reachedReview || stepId === 'review';
  byId('continue-button').textContent = stepId === 'review' ? 'Submit registration' : 'Continue';
  document.title = `${STEPS[state.stepIndex].title} - Register a company`;
  if (pushHistory) window.history.pushState({ step: stepId }, '');
  else window.history.replaceState({ step: stepId }, '');
  if (save) {
    persistDraft();
    byId('draft-notice').hidden = true;
  }
  if (focus) byId('step-heading').focus();
}

function stepIndexOf(stepId) {
  return STEPS.findIndex((step) => step.id === stepId);
}

function goToStep(stepId, options = {}) {
  const index = stepIndexOf(stepId);
  if (index >= 0 && index !== state.stepIndex) showStep(index, { pushHistory: true, ...options });
}

function validationErrors() {
  return validateRegistration(buildRequestBody(currentAnswers()), { jurisdiction: state.jurisdiction });
}

// Shows errors and opens the first step that contains one. Returns false when there are none.
function presentErrors(errors, { fromServer = false } = {}) {
  if (errors.length === 0) return false;
  const steps = showFieldErrors(errors, {
    fromServer,
    onOpenField: (path, step) => {
      if (step) goToStep(step, { focus: false });
    },
  });
  const first = STEPS.find((step) => steps.includes(step.id));
  if (first && first.id !== STEPS[state.stepIndex].id) goToStep(first.id, { focus: false });
  focusErrorSummary();
  return true;
}

function onContinue(event) {
  event.preventDefault();
  byId('send-failed').hidden = true;
  const stepId = STEPS[state.stepIndex].id;
  if (stepId === 'review') {
    submit();
    return;
  }
  const errors = validationErrors().filter((error) => stepOfPath(error.field) === stepId);
  if (presentErrors(errors)) return;
  clearFieldErrors();
  showStep(state.stepIndex + 1, { pushHistory: true });
}

// Opens a step from a "Change" button on "Check your answers". The step offers "Back to
// check your answers", so the applicant need not walk through the later steps again.
// focusId names the element to focus instead of the step heading, such as an officer's legend.
function changeAnswers(stepId, focusId) {
  clearFieldErrors();
  byId('send-failed').hidden = true;
  goToStep(stepId, { focus: !focusId });
  const target = focusId ? byId(focusId) : null;
  if (!target) {
    byId('step-heading').focus();
    return;
  }
  target.setAttribute('tabindex', '-1');
  target.focus();
}

// Returns to "Check your answers" once the answers of the step on screen pass the checks.
function onReturnToReview() {
  byId('send-failed').hidden = true;
  const stepId = STEPS[state.stepIndex].id;
  const errors = validationErrors().filter((error) => stepOfPath(error.field) === stepId);
  if (presentErrors(errors)) return;
  clearFieldErrors();
  showStep(stepIndexOf('review'), { pushHistory: true });
}

function onBack() {
  clearFieldErrors();
  byId('send-failed').hidden = true;
  showStep(state.stepIndex - 1, { pushHistory: true });
}

// ---- Officers -------------------------------------------------------------

function rerenderOfficers(officers) {
  const answers = currentAnswers();
  answers.officers = officers;
  state.officerCount = officers.length;
  renderOfficers(byId('officers-list'), officers.length, selectedType(), removeOfficer);
  writeAnswers(form(), answers);
  byId('f-officers').hidden = officers.length >= MAX_OFFICERS;
  persistDraft();
}

function addOfficer() {
  const answers = currentAnswers();
  if (answers.officers.length >= MAX_OFFICERS) return;
  clearFieldErrors();
  rerenderOfficers([...answers.officers, emptyOfficer()]);
  byId(`f-officers-${state.officerCount - 1}-role`).focus();
}

function removeOfficer(index) {
  const answers = currentAnswers();
  clearFieldErrors();
  rerenderOfficers(answers.officers.filter((_, position) => position !== index));
  const next = Math.min(index, state.officerCount - 1);
  byId(`f-officers-${next}-legend`).setAttribute('tabindex', '-1');
  byId(`f-officers-${next}-legend`).focus();
  byId('officers-status').textContent = `Officer ${index + 1} removed. ${state.officerCount} left.`;
}

// ---- Name availability ----------------------------------------------------

function scheduleNameCheck() {
  window.clearTimeout(state.nameCheckTimer);
  state.nameCheckAbort?.abort();
  const status = byId('name-availability');
  const name = byId('f-company-proposed_name').value.trim();
  status.textContent = '';
  status.className = 'portal-name-availability';
  if ([...name].length < 3) return;
  state.nameCheckTimer = window.setTimeout(() => runNameCheck(name), NAME_CHECK_DELAY_MS);
}

async function runNameCheck(name) {
  const controller = new AbortController();
  state.nameCheckAbort = controller;
  const status = byId('name-availability');
  let result;
  try {
    result = await checkNameAvailability(name, controller.signal);
  } catch (error) {
    if (error.name === 'AbortError') return;
    throw error;
  }
  if (controller.signal.aborted) return;
  if (result.kind !== 'result') {
    status.textContent = 'The name could not be checked just now. You can still continue.';
  } else if (result.available) {
    status.textContent = `“${name}” is available.`;
    status.classList.add('portal-name-availability--available');
  } else {
    const reason = result.reason ? `: ${result.reason}` : '';
    status.textContent = `“${name}” is not available${reason}.`;
    status.classList.add('portal-name-availability--taken');
  }
}

// ---- Submission -----------------------------------------------------------

function setSending(sending) {
  state.sending = sending;
  const button = byId('continue-button');
  button.disabled = sending;
  button.setAttribute('aria-disabled', String(sending));
  button.textContent = sending ? 'Sending…' : 'Submit registration';
  form().setAttribute('aria-busy', String(sending));
}

function showSendFailed(text) {
  byId('send-failed-text').textContent = text;
  byId('send-failed').hidden = false;
  byId('send-failed').focus();
}

function retryText(outcome) {
  const wait = outcome.retryAfter ? ` Wait ${outcome.retryAfter} seconds, then try again.` : ' Try again in a moment.';
  if (outcome.status === 429) return `Too many requests have come from your network.${wait}`;
  if (outcome.status === 503) return `The registry service is busy or down for a moment.${wait}`;
  if (outcome.status === 504) return `The registry did not answer in time, so we cannot tell whether it received your registration.${wait}`;
  if (outcome.status) return `The registry could not handle the request (error ${outcome.status}).${wait}`;
  return 'We could not reach the registry. Check your internet connection, then try again.';
}

// Shows the receipt. earlier is null, or { replayed } when the registration was made with
// the answers of an earlier submission instead of the answers now in the form.
function showReceipt(registration, earlier = null) {
  state.submitted = true;
  clearDraft();
  clearFieldErrors();
  byId('registration').hidden = true;
  byId('send-failed').hidden = true;
  byId('receipt-reference').textContent = registration.reference;
  byId('receipt-token').textContent = registration.receipt_token;
  byId('receipt-status').textContent = statusLabel(registration.status);
  byId('receipt-submitted').replaceChildren(formatTimestamp(registration.submitted_at));
  byId('receipt-earlier-answers').hidden = !earlier;
  byId('receipt-earlier-answers-text').textContent = earlier?.replayed
    ? 'Your earlier submission had reached the registry before you changed your answers, so the company is registered with the answers you sent then.'
    : 'We could not tell whether your earlier submission had reached the registry, so we sent it again before your changes. The registry accepted it, so the company is registered with the answers you sent then.';
  byId('receipt').hidden = false;
  document.title = 'Registration submitted - Register a company';
  window.history.replaceState({ receipt: true }, '');
  byId('receipt-heading').focus();
}

// Sends bodyText with the registration's Idempotency-Key, creating the key on the first
// submission. Until the outcome is known, the draft keeps the body with the key, so that a
// later submission can find out what became of this one.
async function sendWithKey(bodyText) {
  if (!state.idempotencyKey) state.idempotencyKey = window.crypto.randomUUID();
  state.unconfirmedBody = bodyText;
  persistDraft();
  const outcome = await submitRegistration(bodyText, state.idempotencyKey);
  if (outcome.kind !== 'retryable') {
    state.unconfirmedBody = null;
    persistDraft();
  }
  return outcome;
}

// Submits the answers. One key serves this registration until it succeeds, so a retry, a
// double click or a return through the back button cannot register the company twice: for
// a repeated key and body, the API returns the first result and creates nothing.
//
// The API rejects a known key with a different body (422 on Idempotency-Key). So when the
// answers changed after a submission whose outcome is unknown, the page first sends that
// earlier body again with its key. A 201 means the company is registered with the earlier
// answers, and the page shows that receipt. Any other 4xx except 408 and 429 means the key
// has no registration, so the page drops it and submits the current answers with a new key.
// NOTE: the API replays a key for 24 hours only. If the earlier submission went through
// longer ago, the resend gets 409 for its own name and the page reports the name as taken.
async function submit() {
  if (state.sending) return;
  const errors = validationErrors();
  if (presentErrors(errors)) return;

  const bodyText = JSON.stringify(buildRequestBody(currentAnswers()));
  const earlierBody = state.unconfirmedBody;
  setSending(true);
  let outcome;
  let registeredEarlierBody = false;
  try {
    if (earlierBody !== null && earlierBody !== bodyText) {
      outcome = await sendWithKey(earlierBody);
      registeredEarlierBody = outcome.kind === 'created';
      if (outcome.kind !== 'created' && outcome.kind !== 'retryable') {
        state.idempotencyKey = null;
        outcome = await sendWithKey(bodyText);
      }
    } else {
      outcome = await sendWithKey(bodyText);
    }
  } finally {
    setSending(false);
  }

  if (registeredEarlierBody) {
    showReceipt(outcome.registration, { replayed: outcome.replayed });
    return;
  }
  switch (outcome.kind) {
    case 'created':
      showReceipt(outcome.registration);
      break;
    case 'invalid':
      if (!presentErrors(outcome.errors, { fromServer: true })) {
        presentErrors([{ field: '', message: outcome.problem?.detail ?? 'The registry rejected the registration' }]);
      }
      break;
    case 'name-taken':
      presentErrors([
        {
          field: 'company.proposed_name',
          message: 'This name is not available because it is the same as a company name already registered or applied for. Choose another name',
        },
      ]);
      goToStep('company', { focus: false });
      controlForPath('company.proposed_name').focus();
      break;
    case 'retryable':
      showSendFailed(retryText(outcome));
      break;
    default: {
      const requestId = outcome.problem?.request_id ? ` Quote request ${outcome.problem.request_id} if you contact us.` : '';
      presentErrors([
        {
          field: '',
          message: `The registry could not accept the registration (error ${outcome.status}): ${outcome.problem?.detail ?? 'no detail given'}.${requestId}`,
        },
      ]);
    }
  }
}

// ---- Receipt --------------------------------------------------------------

async function copyReceipt() {
  const result = byId('copy-result');
  const text = `Reference: ${byId('receipt-reference').textContent}\nReceipt token: ${byId('receipt-token').textContent}`;
  try {
    await navigator.clipboard.writeText(text);
    result.textContent = 'Reference and receipt token copied.';
  } catch {
    result.textContent = 'Copying failed. Select the token and copy it by hand.';
  }
}

// ---- Start ----------------------------------------------------------------

function prepareForm() {
  for (const select of document.querySelectorAll('select[data-options="currencies"]')) {
    setOptions(select, CURRENCIES.map(([code, name]) => [code, `${code} - ${name}`]), '- Select -');
  }
  const office = form().querySelector('[data-address="company.registered_office"]');
  office.append(
    ...addressFields('company.registered_office', {
      autocompleteSection: 'section-office',
      countryHint: `Must be ${state.jurisdiction}`,
    }),
  );
  const officersStatus = document.createElement('p');
  officersStatus.id = 'officers-status';
  officersStatus.className = 'usa-sr-only';
  officersStatus.setAttribute('aria-live', 'polite');
  byId('officers-list').after(officersStatus);
}

function restore() {
  const draft = loadDraft();
  const answers = draft?.answers ?? emptyAnswers(state.jurisdiction);
  const officers = Array.isArray(answers.officers) && answers.officers.length > 0 ? answers.officers : [emptyOfficer()];
  state.officerCount = Math.min(officers.length, MAX_OFFICERS);
  state.reachedReview = draft?.reachedReview === true;
  state.idempotencyKey = typeof draft?.idempotencyKey === 'string' ? draft.idempotencyKey : null;
  state.unconfirmedBody =
    state.idempotencyKey !== null && typeof draft?.unconfirmedBody === 'string' ? draft.unconfirmedBody : null;
  const typeValue = answers.company?.type ?? '';
  renderOfficers(byId('officers-list'), state.officerCount, typeValue, removeOfficer);
  updateRoleOptions(byId('officers-list'), typeValue);
  writeAnswers(form(), { ...answers, officers: officers.slice(0, MAX_OFFICERS) });
  applyCompanyType();
  byId('draft-notice').hidden = !draft;
  const index = draft ? stepIndexOf(draft.step) : 0;
  return index < 0 ? 0 : index;
}

function bindEvents() {
  form().addEventListener('submit', onContinue);
  form().addEventListener('input', persistDraft);
  form().addEventListener('change', (event) => {
    if (event.target.name === 'company.type') applyCompanyType();
    persistDraft();
  });
  byId('f-company-proposed_name').addEventListener('input', scheduleNameCheck);
  byId('back-button').addEventListener('click', onBack);
  byId('return-to-review-button').addEventListener('click', onReturnToReview);
  byId('f-officers').addEventListener('click', addOfficer);
  byId('retry-button').addEventListener('click', () => submit());
  byId('print-receipt').addEventListener('click', () => window.print());
  byId('copy-receipt').addEventListener('click', copyReceipt);
  byId('discard-draft').addEventListener('click', () => {
    clearDraft();
    window.location.reload();
  });
  window.addEventListener('popstate', (event) => {
    if (state.submitted) return;
    const index = stepIndexOf(event.state?.step);
    if (index < 0) return;
    clearFieldErrors();
    state.stepIndex = index;
    showStep(index);
  });
}

async function start() {
  document.documentElement.classList.replace('no-js', 'js');
  try {
    const config = await loadConfig();
    state.jurisdiction = config.jurisdiction;
  } catch (error) {
    console.error('The registration form could not load config.json:', error);
    byId('loading-message').hidden = true;
    byId('start-failed').hidden = false;
    return;
  }
  prepareForm();
  const stepIndex = restore();
  bindEvents();
  byId('loading-message').hidden = true;
  byId('registration').hidden = false;
  showStep(stepIndex, { focus: stepIndex > 0, save: false });
}

start();
