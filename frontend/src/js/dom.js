// Small DOM builders for the form. They set attributes and text only (never innerHTML),
// so user input cannot become markup, and they never set a style attribute, which the
// page's Content Security Policy forbids.

import { COUNTRIES } from './iso-codes.js';

// Returns the id of the control for an answer path: "officers[0].date_of_birth.day"
// becomes "f-officers-0-date_of_birth-day".
export function fieldId(path) {
  return `f-${path.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Replaces a select's options with a placeholder and the given [value, label] pairs.
export function setOptions(select, pairs, placeholder) {
  const current = select.value;
  select.replaceChildren(
    ...(placeholder === undefined ? [] : [element('option', { value: '' }, placeholder)]),
    ...pairs.map(([value, label]) => element('option', { value }, label)),
  );
  if (pairs.some(([value]) => value === current)) select.value = current;
}

export function countryOptions() {
  return [...COUNTRIES]
    .sort((a, b) => a[1].localeCompare(b[1], 'en-GB'))
    .map(([code, name]) => [code, `${name} (${code})`]);
}

// Builds a labelled text input in a USWDS form group. Give maxlength only to inputs of
// ASCII digits, because the browser counts UTF-16 units there while the API counts
// characters, so a name of astral characters would be cut short.
export function textField(path, label, { hint, type = 'text', autocomplete = 'off', width, inputmode, maxlength } = {}) {
  const id = fieldId(path);
  const hintId = hint ? `${id}-hint` : null;
  return element(
    'div',
    { class: 'usa-form-group' },
    element('label', { class: 'usa-label', for: id }, label),
    hint ? element('div', { class: 'usa-hint', id: hintId }, hint) : null,
    element('input', {
      class: width ? `usa-input usa-input--${width}` : 'usa-input',
      id,
      name: path,
      type,
      autocomplete,
      inputmode,
      maxlength,
      spellcheck: type === 'text' ? 'false' : null,
      'aria-describedby': hintId,
    }),
  );
}

// Builds a labelled select in a USWDS form group.
export function selectField(path, label, pairs, { hint, autocomplete = 'off', placeholder = '- Select -' } = {}) {
  const id = fieldId(path);
  const hintId = hint ? `${id}-hint` : null;
  const select = element('select', { class: 'usa-select', id, name: path, autocomplete, 'aria-describedby': hintId });
  setOptions(select, pairs, placeholder);
  return element(
    'div',
    { class: 'usa-form-group' },
    element('label', { class: 'usa-label', for: id }, label),
    hint ? element('div', { class: 'usa-hint', id: hintId }, hint) : null,
    select,
  );
}

// Builds the day, month and year inputs of a USWDS memorable date. The error of the
// whole date (path) is shown on the group and focuses the day input.
export function dateOfBirthField(path, legend, { autocompleteSection } = {}) {
  const id = fieldId(path);
  const part = (name, label, autocomplete, maxlength, extraClass) => {
    const partId = `${id}-${name}`;
    return element(
      'div',
      { class: `usa-form-group usa-form-group--${extraClass}` },
      element('label', { class: 'usa-label', for: partId }, label),
      element('input', {
        class: 'usa-input',
        id: partId,
        name: `${path}.${name}`,
        type: 'text',
        inputmode: 'numeric',
        maxlength,
        autocomplete: autocompleteSection ? `${autocompleteSection} ${autocomplete}` : autocomplete,
        'aria-describedby': `${id}-hint`,
      }),
    );
  };
  return element(
    'fieldset',
    { class: 'usa-fieldset' },
    element('legend', { class: 'usa-legend' }, legend),
    element(
      'div',
      { class: 'usa-form-group', 'data-error-for': path },
      element('span', { class: 'usa-hint', id: `${id}-hint` }, 'For example: 9 3 1984'),
      element(
        'div',
        { class: 'usa-memorable-date' },
        part('day', 'Day', 'bday-day', 2, 'day'),
        part('month', 'Month', 'bday-month', 2, 'month'),
        part('year', 'Year', 'bday-year', 4, 'year'),
      ),
    ),
  );
}

// Builds the inputs of an address (line1, line2, locality, region, postal_code, country).
// autocompleteSection keeps different addresses apart for the browser's autofill.
export function addressFields(path, { autocompleteSection, countryHint } = {}) {
  const auto = (token) => (autocompleteSection ? `${autocompleteSection} ${token}` : token);
  return [
    textField(`${path}.line1`, 'Address line 1', { autocomplete: auto('address-line1') }),
    textField(`${path}.line2`, 'Address line 2 (optional)', { autocomplete: auto('address-line2') }),
    textField(`${path}.locality`, 'Town or city', { autocomplete: auto('address-level2'), width: 'xl' }),
    textField(`${path}.region`, 'County, state or region (optional)', {
      autocomplete: auto('address-level1'),
      width: 'xl',
    }),
    textField(`${path}.postal_code`, 'Postal code', {
      autocomplete: auto('postal-code'),
      width: 'medium',
      hint: 'Letters, digits, spaces and hyphens, up to 20 characters',
    }),
    selectField(`${path}.country`, 'Country', countryOptions(), { autocomplete: auto('country'), hint: countryHint }),
  ];
}
