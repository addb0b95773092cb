// The answers as typed into the form, and their conversion into a request body.
//
// Every form control's name is the path of its answer, written like the API's error
// paths: "company.activity_codes[0]", "officers[1].date_of_birth.day". readAnswers() and
// writeAnswers() walk the form's controls with those paths, so the HTML alone decides
// which answers exist.

import { companyType } from './company-types.js';

export const ACTIVITY_CODE_INPUTS = 4;

function emptyAddress(country = '') {
  return { line1: '', line2: '', locality: '', region: '', postal_code: '', country };
}

export function emptyOfficer() {
  return {
    role: '',
    given_name: '',
    family_name: '',
    date_of_birth: { day: '', month: '', year: '' },
    nationality: '',
    country_of_residence: '',
    email: '',
    service_address: emptyAddress(),
  };
}

export function emptyAnswers(jurisdiction = 'GB') {
  return {
    company: {
      proposed_name: '',
      type: '',
      activity_codes: Array(ACTIVITY_CODE_INPUTS).fill(''),
      registered_office: emptyAddress(jurisdiction),
      share_capital: { currency: 'GBP', shares: '', nominal_value_minor: '' },
    },
    officers: [emptyOfficer()],
    applicant: { full_name: '', email: '', phone: '' },
    declaration: { agreed: false },
  };
}

// Splits "officers[1].date_of_birth.day" into ["officers", 1, "date_of_birth", "day"].
export function parsePath(path) {
  const keys = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    keys.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  }
  return keys;
}

export function getPath(object, path) {
  let value = object;
  for (const key of parsePath(path)) {
    if (value === undefined || value === null) return undefined;
    value = value[key];
  }
  return value;
}

function setPath(object, path, value) {
  const keys = parsePath(path);
  let target = object;
  keys.slice(0, -1).forEach((key, index) => {
    if (target[key] === undefined || target[key] === null) {
      target[key] = typeof keys[index + 1] === 'number' ? [] : {};
    }
    target = target[key];
  });
  target[keys[keys.length - 1]] = value;
}

function namedControls(form) {
  return [...form.elements].filter((element) => element.name && !element.disabled);
}

// Reads every named control of the form into an answers object.
export function readAnswers(form, officerCount, jurisdiction) {
  const answers = emptyAnswers(jurisdiction);
  answers.officers = Array.from({ length: officerCount }, emptyOfficer);
  for (const control of namedControls(form)) {
    if (control.type === 'radio') {
      if (control.checked) setPath(answers, control.name, control.value);
    } else {
      setPath(answers, control.name, control.type === 'checkbox' ? control.checked : control.value);
    }
  }
  return answers;
}

// Writes an answers object into the form's named controls. The officers' controls must
// already exist (see officers.js).
export function writeAnswers(form, answers) {
  for (const control of namedControls(form)) {
    const value = getPath(answers, control.name);
    if (control.type === 'checkbox') {
      control.checked = value === true;
    } else if (control.type === 'radio') {
      control.checked = value === control.value;
    } else if (value !== undefined && value !== null) {
      control.value = String(value);
    }
  }
}

function trimmed(value) {
  return typeof value === 'string' ? value.trim() : '';
}

// Returns a whole number for digits (spaces and commas between them allowed), undefined
// for an empty answer, and the trimmed text otherwise so that validation rejects it.
function wholeNumber(value) {
  const text = trimmed(value);
  if (text === '') return undefined;
  const digits = text.replace(/[ ,]/g, '');
  return /^[0-9]+$/.test(digits) ? Number(digits) : text;
}

// Returns YYYY-MM-DD from day, month and year answers, '' when all three are empty, and
// a string that is no date when a part is not a number.
function isoDate({ day = '', month = '', year = '' } = {}) {
  const parts = [trimmed(year), trimmed(month), trimmed(day)];
  if (parts.every((part) => part === '')) return '';
  const [y, m, d] = parts;
  if (!/^[0-9]{4}$/.test(y) || !/^[0-9]{1,2}$/.test(m) || !/^[0-9]{1,2}$/.test(d)) {
    return `${y}-${m}-${d}`;
  }
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

// Copies the optional text fields that have an answer, because the API rejects empty
// strings where it expects a field to be absent.
function withOptional(target, source, keys) {
  for (const key of keys) {
    const value = trimmed(source?.[key]);
    if (value !== '') target[key] = value;
  }
  return target;
}

function address(answer) {
  const body = {
    line1: trimmed(answer?.line1),
    locality: trimmed(answer?.locality),
    postal_code: trimmed(answer?.postal_code),
    country: trimmed(answer?.country),
  };
  return withOptional(body, answer, ['line2', 'region']);
}

function officer(answer) {
  const body = {
    role: trimmed(answer.role),
    given_name: trimmed(answer.given_name),
    family_name: trimmed(answer.family_name),
    date_of_birth: isoDate(answer.date_of_birth),
    nationality: trimmed(answer.nationality),
    country_of_residence: trimmed(answer.country_of_residence),
    service_address: address(answer.service_address),
  };
  return withOptional(body, answer, ['email']);
}

// Builds the POST /api/v1/registrations body: only fields the API defines, optional
// fields omitted when empty, and share capital only for the types that have it.
export function buildRequestBody(answers) {
  const company = answers.company;
  const body = {
    company: {
      proposed_name: trimmed(company.proposed_name),
      type: trimmed(company.type),
      activity_codes: company.activity_codes.map(trimmed).filter((code) => code !== ''),
      registered_office: address(company.registered_office),
    },
    officers: answers.officers.map(officer),
    applicant: withOptional(
      { full_name: trimmed(answers.applicant.full_name), email: trimmed(answers.applicant.email) },
      answers.applicant,
      ['phone'],
    ),
    declaration: { agreed: answers.declaration.agreed === true },
  };

  if (companyType(body.company.type)?.needsShareCapital) {
    const capital = company.share_capital;
    body.company.share_capital = {
      currency: trimmed(capital.currency).toUpperCase(),
      shares: wholeNumber(capital.shares),
      nominal_value_minor: wholeNumber(capital.nominal_value_minor),
    };
  }
  return body;
}
