// Shows field errors, from the browser's own checks or from a server 422, beside their
// fields and in the error summary at the top of the page. Error paths use the API's
// notation ("officers[0].date_of_birth"). Each maps to the control with the matching id
// (see fieldId), or else to the first control inside the group that the path names.

import { element, fieldId } from './dom.js';

const summary = () => document.getElementById('error-summary');
const summaryList = () => document.getElementById('error-summary-list');

// Returns the control that an error path points at, or null when no control matches
// (a path such as "Idempotency-Key").
export function controlForPath(path) {
  if (!/^[A-Za-z0-9_.[\]]+$/.test(path)) return null;
  const id = fieldId(path);
  const exact = document.getElementById(id);
  if (exact) return exact;
  if (!/[.[]/.test(path)) return null;
  return document.querySelector(`[id^="${id}-"]`);
}

// Returns the step ("company", "officers", ...) that contains a path's answer, or null.
export function stepOfPath(path) {
  const root = path.split(/[.[]/)[0];
  return ['company', 'officers', 'applicant', 'declaration'].includes(root) ? root : null;
}

function markedGroup(path) {
  return [...document.querySelectorAll('[data-error-for]')].find((group) => group.dataset.errorFor === path);
}

// Returns the form group that shows the error of a path next to its control.
function groupFor(path, control) {
  return markedGroup(path) ?? control.closest('.usa-form-group');
}

// Returns a readable name for a path's field, such as "Officer 1, Service address, Postal
// code", from the labels and legends around its control.
export function fieldLabel(path, control) {
  const parts = [];
  for (let node = control.parentElement; node; node = node.parentElement) {
    if (node.tagName === 'FIELDSET') {
      const legend = node.querySelector(':scope > legend');
      if (legend) parts.unshift(legend.textContent.trim());
    }
  }
  const ownGroup = markedGroup(path);
  const label = control.labels?.[0]?.textContent.trim();
  if (!ownGroup && label && !['radio', 'checkbox'].includes(control.type)) parts.push(label);
  return parts.join(', ').replace(/\s+/g, ' ');
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function clearFieldErrors() {
  for (const message of document.querySelectorAll('.portal-field-error')) message.remove();
  for (const group of document.querySelectorAll('.usa-form-group--error')) {
    group.classList.remove('usa-form-group--error');
  }
  for (const control of document.querySelectorAll('[aria-invalid="true"]')) {
    control.removeAttribute('aria-invalid');
    control.classList.remove('usa-input--error');
    const describedBy = (control.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter((token) => token && !token.startsWith('error-'));
    if (describedBy.length > 0) control.setAttribute('aria-describedby', describedBy.join(' '));
    else control.removeAttribute('aria-describedby');
  }
  summaryList().replaceChildren();
  summary().hidden = true;
}

function showBesideField(path, control, messages, index) {
  const group = groupFor(path, control);
  const errorId = `error-${index}`;
  const message = element(
    'span',
    { class: 'usa-error-message portal-field-error', id: errorId },
    element('span', { class: 'usa-sr-only' }, 'Error: '),
    messages.join('. '),
  );
  group.classList.add('usa-form-group--error');
  const firstControl = [...group.children].find(
    (child) => !child.matches('label, legend, .usa-hint, .usa-error-message'),
  );
  group.insertBefore(message, firstControl ?? null);

  const controls = group.dataset.errorFor ? group.querySelectorAll('input, select') : [control];
  for (const target of controls) {
    target.setAttribute('aria-invalid', 'true');
    if (target.matches('.usa-input, .usa-select')) target.classList.add('usa-input--error');
    const describedBy = target.getAttribute('aria-describedby');
    target.setAttribute('aria-describedby', describedBy ? `${errorId} ${describedBy}` : errorId);
  }
}

// Shows errors ([{ field, message }]) and returns the steps that contain them.
// fromServer prefixes each summary entry with its field's name, because the server's
// messages ("must be a date in the past") do not name the field. onOpenField(path, step)
// runs when a summary link is followed, so the caller can show that step first.
export function showFieldErrors(errors, { fromServer = false, onOpenField } = {}) {
  clearFieldErrors();
  const byPath = new Map();
  for (const error of errors) {
    const path = String(error.field ?? '');
    if (!byPath.has(path)) byPath.set(path, []);
    byPath.get(path).push(capitalise(String(error.message ?? 'is invalid')));
  }

  const steps = new Set();
  let index = 0;
  for (const [path, messages] of byPath) {
    const control = path ? controlForPath(path) : null;
    const text = messages.join('. ');
    if (!control) {
      summaryList().append(element('li', {}, path && fromServer ? `${path}: ${text}` : text));
      continue;
    }
    showBesideField(path, control, messages, index++);
    const step = stepOfPath(path);
    if (step) steps.add(step);
    const label = fromServer ? `${fieldLabel(path, control)}: ${text}` : text;
    const link = element('a', { href: `#${control.id}`, class: 'usa-link' }, label);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      onOpenField?.(path, step);
      control.focus();
      control.scrollIntoView({ block: 'center' });
    });
    summaryList().append(element('li', {}, link));
  }
  summary().hidden = byPath.size === 0;
  return [...steps];
}

export function focusErrorSummary() {
  const node = summary();
  node.scrollIntoView({ block: 'start' });
  node.focus();
}
