// Renders one fieldset per officer, with only the roles that the company type allows.

import { ROLE_LABELS, companyType } from './company-types.js';
import { addressFields, countryOptions, dateOfBirthField, element, fieldId, selectField, setOptions, textField } from './dom.js';

export const ALL_ROLES = Object.keys(ROLE_LABELS);

function rolePairs(typeValue) {
  const roles = companyType(typeValue)?.roles ?? ALL_ROLES;
  return roles.map((role) => [role, ROLE_LABELS[role]]);
}

function officerFieldset(index, count, typeValue, onRemove) {
  const path = `officers[${index}]`;
  const section = `section-officer${index + 1}`;
  const number = index + 1;
  const removeButton =
    count > 1
      ? element('button', { type: 'button', class: 'usa-button usa-button--unstyled portal-remove-officer' }, `Remove officer ${number}`)
      : null;
  removeButton?.addEventListener('click', () => onRemove(index));

  return element(
    'fieldset',
    { class: 'usa-fieldset portal-officer', 'data-officer-index': index },
    element('legend', { class: 'usa-legend usa-legend--large', id: `${fieldId(path)}-legend` }, `Officer ${number}`),
    selectField(`${path}.role`, 'Role', rolePairs(typeValue)),
    textField(`${path}.given_name`, 'Given names', { autocomplete: `${section} given-name` }),
    textField(`${path}.family_name`, 'Family name', { autocomplete: `${section} family-name` }),
    dateOfBirthField(`${path}.date_of_birth`, 'Date of birth', { autocompleteSection: section }),
    textField(`${path}.nationality`, 'Nationality', { hint: 'For example: British, Irish, Polish', width: 'xl' }),
    selectField(`${path}.country_of_residence`, 'Country of residence', countryOptions(), {
      autocomplete: `${section} country`,
    }),
    textField(`${path}.email`, 'Email address (optional)', { type: 'email', autocomplete: `${section} email` }),
    element(
      'fieldset',
      { class: 'usa-fieldset' },
      element('legend', { class: 'usa-legend usa-legend--large portal-sublegend' }, 'Service address'),
      element('p', { class: 'usa-hint' }, 'Where official letters to this officer can be sent. It may be published.'),
      ...addressFields(`${path}.service_address`, { autocompleteSection: `${section}-service` }),
    ),
    removeButton,
  );
}

// Replaces the officers' fieldsets with count empty ones. The caller writes the answers
// into them afterwards.
export function renderOfficers(container, count, typeValue, onRemove) {
  container.replaceChildren(
    ...Array.from({ length: count }, (_, index) => officerFieldset(index, count, typeValue, onRemove)),
  );
}

// Limits each officer's role options to the roles of the company type. A chosen role
// that the new type does not allow is cleared, so the person has to choose again.
export function updateRoleOptions(container, typeValue) {
  for (const select of container.querySelectorAll('select[name$=".role"]')) {
    setOptions(select, rolePairs(typeValue), '- Select -');
  }
}
