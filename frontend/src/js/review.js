// Renders the check-your-answers page from the request body that will be sent.

import { COMPANY_TYPES, ROLE_LABELS } from './company-types.js';
import { COUNTRIES, CURRENCIES } from './iso-codes.js';
import { element } from './dom.js';

const COUNTRY_NAMES = new Map(COUNTRIES);
const CURRENCY_NAMES = new Map(CURRENCIES);

function countryName(code) {
  return COUNTRY_NAMES.has(code) ? `${COUNTRY_NAMES.get(code)} (${code})` : code;
}

function addressLines(address) {
  return [address.line1, address.line2, address.locality, address.region, address.postal_code, countryName(address.country)]
    .filter((line) => line);
}

// Returns a <dd> with one line per entry, so addresses keep their line breaks without markup.
function lines(values) {
  return element('dd', {}, ...values.map((value) => element('span', { class: 'portal-line' }, value)));
}

function row(label, value) {
  return [element('dt', {}, label), Array.isArray(value) ? lines(value) : element('dd', {}, value)];
}

function section(title, stepId, rows, onChange, focusId) {
  const change = element('button', { type: 'button', class: 'usa-button usa-button--unstyled' }, 'Change', element('span', { class: 'usa-sr-only' }, ` ${title.toLowerCase()}`));
  change.addEventListener('click', () => onChange(stepId, focusId));
  return element(
    'div',
    { class: 'portal-review-section' },
    element('div', { class: 'portal-review-heading' }, element('h3', {}, title), change),
    element('dl', { class: 'portal-summary-list' }, ...rows.flat()),
  );
}

function formatMinor(capital) {
  return `${capital.nominal_value_minor} (in the minor unit of ${capital.currency})`;
}

// Fills container with the answers of body. onChange(stepId, focusId) opens a step to
// edit, where focusId is the id of an officer's legend, or undefined for the step heading.
export function renderReview(container, body, onChange) {
  const company = body.company;
  const typeLabel = COMPANY_TYPES.find((type) => type.value === company.type)?.label ?? company.type;
  const companyRows = [
    row('Company name', company.proposed_name),
    row('Company type', typeLabel),
    row('Activity codes', company.activity_codes.join(', ')),
    row('Registered office', addressLines(company.registered_office)),
  ];
  if (company.share_capital) {
    const capital = company.share_capital;
    companyRows.push(
      row('Share capital currency', `${CURRENCY_NAMES.get(capital.currency) ?? ''} (${capital.currency})`),
      row('Number of shares', String(capital.shares)),
      row('Nominal value of one share', formatMinor(capital)),
    );
  }

  const officerSections = body.officers.map((officer, index) =>
    section(
      `Officer ${index + 1}`,
      'officers',
      [
        row('Role', ROLE_LABELS[officer.role] ?? officer.role),
        row('Name', `${officer.given_name} ${officer.family_name}`),
        row('Date of birth', officer.date_of_birth),
        row('Nationality', officer.nationality),
        row('Country of residence', countryName(officer.country_of_residence)),
        row('Email address', officer.email ?? 'Not given'),
        row('Service address', addressLines(officer.service_address)),
      ],
      onChange,
      `f-officers-${index}-legend`,
    ),
  );

  const applicant = body.applicant;
  container.replaceChildren(
    section('Company', 'company', companyRows, onChange),
    ...officerSections,
    section(
      'Applicant',
      'applicant',
      [row('Full name', applicant.full_name), row('Email address', applicant.email), row('Phone number', applicant.phone ?? 'Not given')],
      onChange,
    ),
    section('Declaration', 'declaration', [row('Declaration', body.declaration.agreed ? 'Confirmed' : 'Not confirmed')], onChange),
  );
}
