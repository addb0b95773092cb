// Company types and officer roles as the registration API names them.

export const COMPANY_TYPES = [
  {
    value: 'PRIVATE_LIMITED_BY_SHARES',
    label: 'Private company limited by shares',
    suffixes: ['Limited', 'Ltd', 'Ltd.'],
    needsShareCapital: true,
    roles: ['DIRECTOR', 'SECRETARY'],
  },
  {
    value: 'PRIVATE_LIMITED_BY_GUARANTEE',
    label: 'Private company limited by guarantee',
    suffixes: ['Limited', 'Ltd', 'Ltd.'],
    needsShareCapital: false,
    roles: ['DIRECTOR', 'SECRETARY'],
  },
  {
    value: 'PUBLIC_LIMITED',
    label: 'Public limited company',
    suffixes: ['Public Limited Company', 'PLC'],
    needsShareCapital: true,
    roles: ['DIRECTOR', 'SECRETARY'],
  },
  {
    value: 'LIMITED_LIABILITY_PARTNERSHIP',
    label: 'Limited liability partnership',
    suffixes: ['Limited Liability Partnership', 'LLP'],
    needsShareCapital: false,
    roles: ['DESIGNATED_MEMBER', 'MEMBER'],
  },
];

export const ROLE_LABELS = {
  DIRECTOR: 'Director',
  SECRETARY: 'Secretary',
  DESIGNATED_MEMBER: 'Designated member',
  MEMBER: 'Member',
};

// Roles whose holders must be at least 16 years old on the day of submission.
export const ROLES_WITH_MINIMUM_AGE = new Set(['DIRECTOR', 'DESIGNATED_MEMBER', 'MEMBER']);

export function companyType(value) {
  return COMPANY_TYPES.find((type) => type.value === value);
}

export function isPartnership(typeValue) {
  return typeValue === 'LIMITED_LIABILITY_PARTNERSHIP';
}
