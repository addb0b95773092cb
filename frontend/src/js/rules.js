// Validation rules of the registration API, checked in the browser so that people see
// mistakes early. The server checks every rule again and is the authority.
//
// validateRegistration() takes a request body in the API's shape (see answers.js) and
// returns field errors whose paths use the server's notation, such as
// "officers[0].date_of_birth", so client and server errors are shown the same way.

import { COUNTRIES, CURRENCIES } from './iso-codes.js';
import { ROLES_WITH_MINIMUM_AGE, companyType, isPartnership } from './company-types.js';

const COUNTRY_CODES = new Set(COUNTRIES.map(([code]) => code));
const CURRENCY_CODES = new Set(CURRENCIES.map(([code]) => code));

// Letters of any script with their combining marks, digits, spaces and & ' ’ - . , ( ) @ + !
const NAME_CHARACTERS = /^[\p{L}\p{M}\p{Nd} &'’\-.,()@+!]+$/u;
const ACTIVITY_CODE = /^[0-9]{5}$/;
const POSTAL_CODE = /^[\p{L}\p{Nd} -]+$/u;
const E164_PHONE = /^\+[0-9]{8,15}$/;
// One @, no spaces, and a dot in the domain: a plausibility check, not RFC 5322.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u;
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

export const MAX_OFFICERS = 20;
export const MAX_ACTIVITY_CODES = 4;
export const MAX_SHARE_NUMBER = 1e12;
export const MINIMUM_OFFICER_AGE = 16;

// Counts code points, as the server does, so that a character outside the Basic
// Multilingual Plane such as 𠮷 counts once.
export function characterCount(text) {
  return [...text].length;
}

function isBlank(value) {
  return value === undefined || value === null || String(value).trim() === '';
}

// Returns a Date at 00:00 UTC for a real calendar date written YYYY-MM-DD, else null.
export function parseIsoDate(text) {
  const match = ISO_DATE.exec(text ?? '');
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

// Returns today's date at 00:00 UTC.
export function todayUtc(now = new Date()) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

// Tells whether someone born on birthDate has reached the given age on day (both UTC dates).
// NOTE: someone born on 29 February reaches the age on 1 March in common years here. The
// API does not document its convention for that day, so the server may differ.
export function hasReachedAge(birthDate, age, day) {
  const anniversary = new Date(
    Date.UTC(birthDate.getUTCFullYear() + age, birthDate.getUTCMonth(), birthDate.getUTCDate()),
  );
  return anniversary.getTime() <= day.getTime();
}

// Returns the error message for a proposed company name, or null when it is valid.
export function proposedNameError(name, typeValue) {
  const trimmed = (name ?? '').trim();
  if (trimmed === '') return 'Enter the proposed company name';
  const length = characterCount(trimmed);
  if (length < 3) return 'Company name must be 3 characters or more';
  if (length > 160) return `Company name must be 160 characters or fewer (it has ${length})`;
  if (!NAME_CHARACTERS.test(trimmed)) {
    return "Company name can only contain letters, digits, spaces and & ' ’ - . , ( ) @ + !";
  }
  const type = companyType(typeValue);
  if (type) {
    const lower = trimmed.toLowerCase();
    const hasSuffix = type.suffixes.some((suffix) => lower.endsWith(suffix.toLowerCase()));
    if (!hasSuffix) {
      return `Company name must end with ${type.suffixes.join(' or ')} for a ${type.label.toLowerCase()}`;
    }
  }
  return null;
}

function checkText(errors, path, value, { label, required = true, max }) {
  if (isBlank(value)) {
    if (required) errors.push({ field: path, message: `Enter ${label}` });
    return;
  }
  const length = characterCount(String(value));
  if (max !== undefined && length > max) {
    errors.push({ field: path, message: `${capitalise(label)} must be ${max} characters or fewer` });
  }
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function checkCountry(errors, path, value, label) {
  if (isBlank(value)) {
    errors.push({ field: path, message: `Select ${label}` });
  } else if (!COUNTRY_CODES.has(value)) {
    errors.push({ field: path, message: `${capitalise(label)} must be an ISO 3166-1 country code` });
  }
}

function checkEmail(errors, path, value, { required, label }) {
  if (isBlank(value)) {
    if (required) errors.push({ field: path, message: `Enter ${label}` });
    return;
  }
  if (characterCount(value) > 254) {
    errors.push({ field: path, message: `${capitalise(label)} must be 254 characters or fewer` });
  } else if (!EMAIL.test(value)) {
    errors.push({
      field: path,
      message: `Enter ${label} in the correct format, like name@example.org`,
    });
  }
}

function checkAddress(errors, path, address, { jurisdiction } = {}) {
  const value = address ?? {};
  checkText(errors, `${path}.line1`, value.line1, { label: 'address line 1', max: 100 });
  checkText(errors, `${path}.line2`, value.line2, { label: 'address line 2', required: false, max: 100 });
  checkText(errors, `${path}.locality`, value.locality, { label: 'the town or city', max: 100 });
  checkText(errors, `${path}.region`, value.region, { label: 'the county or region', required: false, max: 100 });

  const postalCode = value.postal_code;
  if (isBlank(postalCode)) {
    errors.push({ field: `${path}.postal_code`, message: 'Enter the postal code' });
  } else if (characterCount(postalCode) > 20) {
    errors.push({ field: `${path}.postal_code`, message: 'Postal code must be 20 characters or fewer' });
  } else if (!POSTAL_CODE.test(postalCode)) {
    errors.push({
      field: `${path}.postal_code`,
      message: 'Postal code can only contain letters, digits, spaces and hyphens',
    });
  }

  checkCountry(errors, `${path}.country`, value.country, 'the country');
  if (jurisdiction && COUNTRY_CODES.has(value.country) && value.country !== jurisdiction) {
    errors.push({
      field: `${path}.country`,
      message: `The registered office must be in the registry's jurisdiction (${jurisdiction})`,
    });
  }
}

function checkWholeNumber(errors, path, value, label) {
  if (value === undefined || value === null || value === '') {
    errors.push({ field: path, message: `Enter ${label}` });
  } else if (!Number.isInteger(value)) {
    errors.push({ field: path, message: `${capitalise(label)} must be a whole number` });
  } else if (value < 1 || value > MAX_SHARE_NUMBER) {
    errors.push({
      field: path,
      message: `${capitalise(label)} must be between 1 and 1,000,000,000,000`,
    });
  }
}

function checkCompany(errors, company, options) {
  const value = company ?? {};
  const type = companyType(value.type);

  const nameError = proposedNameError(value.proposed_name, value.type);
  if (nameError) errors.push({ field: 'company.proposed_name', message: nameError });

  if (!type) errors.push({ field: 'company.type', message: 'Select the company type' });

  const codes = value.activity_codes ?? [];
  if (codes.length === 0) {
    errors.push({ field: 'company.activity_codes', message: 'Enter at least one activity code' });
  } else if (codes.length > MAX_ACTIVITY_CODES) {
    errors.push({ field: 'company.activity_codes', message: 'Enter no more than 4 activity codes' });
  }
  // The API reports every activity code problem on the list itself, so the message quotes
  // each code at fault.
  const malformed = [];
  const repeated = [];
  codes.forEach((code, index) => {
    if (!ACTIVITY_CODE.test(code ?? '')) malformed.push(code);
    else if (codes.indexOf(code) !== index) repeated.push(code);
  });
  if (malformed.length > 0) {
    errors.push({
      field: 'company.activity_codes',
      message: `Each activity code must be 5 digits, like 62012 (check ${malformed.join(', ')})`,
    });
  }
  if (repeated.length > 0) {
    errors.push({
      field: 'company.activity_codes',
      message: `Enter each activity code once (${repeated.join(', ')} is repeated)`,
    });
  }

  checkAddress(errors, 'company.registered_office', value.registered_office, options);

  if (type && !type.needsShareCapital && value.share_capital != null) {
    errors.push({ field: 'company.share_capital', message: `A ${type.label.toLowerCase()} has no share capital` });
  }
  if (type?.needsShareCapital && value.share_capital == null) {
    errors.push({ field: 'company.share_capital', message: 'Enter the share capital' });
  }
  if (type?.needsShareCapital && value.share_capital != null) {
    const capital = value.share_capital;
    if (isBlank(capital.currency)) {
      errors.push({ field: 'company.share_capital.currency', message: 'Select the currency of the share capital' });
    } else if (!CURRENCY_CODES.has(capital.currency)) {
      errors.push({
        field: 'company.share_capital.currency',
        message: 'Currency must be an active ISO 4217 code, like GBP',
      });
    }
    checkWholeNumber(errors, 'company.share_capital.shares', capital.shares, 'the number of shares');
    checkWholeNumber(
      errors,
      'company.share_capital.nominal_value_minor',
      capital.nominal_value_minor,
      'the nominal value of one share',
    );
  }
}

function checkDateOfBirth(errors, path, text, role, today) {
  if (isBlank(text)) {
    errors.push({ field: path, message: 'Enter the date of birth' });
    return;
  }
  const birthDate = parseIsoDate(text);
  if (!birthDate) {
    errors.push({ field: path, message: 'Date of birth must be a real date' });
  } else if (birthDate.getTime() > today.getTime()) {
    errors.push({ field: path, message: 'Date of birth must be in the past' });
  } else if (ROLES_WITH_MINIMUM_AGE.has(role) && !hasReachedAge(birthDate, MINIMUM_OFFICER_AGE, today)) {
    errors.push({ field: path, message: 'Directors and members must be at least 16 years old today' });
  }
}

function checkOfficers(errors, officers, typeValue, today) {
  const list = officers ?? [];
  const type = companyType(typeValue);
  if (list.length === 0) {
    errors.push({ field: 'officers', message: 'Add at least one officer' });
  } else if (list.length > MAX_OFFICERS) {
    errors.push({ field: 'officers', message: `Add no more than ${MAX_OFFICERS} officers` });
  }

  list.forEach((officer, index) => {
    const path = `officers[${index}]`;
    const value = officer ?? {};
    if (isBlank(value.role)) {
      errors.push({ field: `${path}.role`, message: 'Select the role' });
    } else if (type && !type.roles.includes(value.role)) {
      errors.push({ field: `${path}.role`, message: `This role is not allowed for a ${type.label.toLowerCase()}` });
    }
    checkText(errors, `${path}.given_name`, value.given_name, { label: 'the given name', max: 100 });
    checkText(errors, `${path}.family_name`, value.family_name, { label: 'the family name', max: 100 });
    checkDateOfBirth(errors, `${path}.date_of_birth`, value.date_of_birth, value.role, today);
    checkText(errors, `${path}.nationality`, value.nationality, { label: 'the nationality', max: 50 });
    checkCountry(errors, `${path}.country_of_residence`, value.country_of_residence, 'the country of residence');
    checkEmail(errors, `${path}.email`, value.email, { required: false, label: 'the email address' });
    checkAddress(errors, `${path}.service_address`, value.service_address);
  });

  if (!type || list.length === 0) return;
  if (isPartnership(type.value)) {
    const designated = list.filter((officer) => officer?.role === 'DESIGNATED_MEMBER').length;
    if (designated < 2) {
      errors.push({ field: 'officers', message: 'A partnership needs at least 2 designated members' });
    }
  } else if (!list.some((officer) => officer?.role === 'DIRECTOR')) {
    errors.push({ field: 'officers', message: 'A company needs at least 1 director' });
  }
}

function checkApplicant(errors, applicant) {
  const value = applicant ?? {};
  checkText(errors, 'applicant.full_name', value.full_name, { label: 'your full name', max: 160 });
  checkEmail(errors, 'applicant.email', value.email, { required: true, label: 'your email address' });
  if (!isBlank(value.phone) && !E164_PHONE.test(value.phone)) {
    errors.push({
      field: 'applicant.phone',
      message: 'Enter the phone number in international format: + then 8 to 15 digits, like +447700900123',
    });
  }
}

// Validates a registration request body. options.today is the day of submission at
// 00:00 UTC (default: today), options.jurisdiction the country code the registered office
// must be in (default GB). Returns a list of { field, message }, empty when valid.
export function validateRegistration(body, { today = todayUtc(), jurisdiction = 'GB' } = {}) {
  const errors = [];
  checkCompany(errors, body?.company, { jurisdiction });
  checkOfficers(errors, body?.officers, body?.company?.type, today);
  checkApplicant(errors, body?.applicant);
  if (body?.declaration?.agreed !== true) {
    errors.push({ field: 'declaration.agreed', message: 'Confirm the declaration to continue' });
  }
  return errors;
}
