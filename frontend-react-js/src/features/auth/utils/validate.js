/**
 * The identity forms' checks, the same rules the API applies, giving the
 * API's own codes so one table of sentences serves both.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HANDLE = /^[A-Za-z0-9_]{3,30}$/;
const CODE = /^[0-9]{6}$/;

export function emailProblems(email) {
  return EMAIL.test(email.trim()) ? [] : ['email_invalid'];
}

export function passwordProblems(password) {
  const problems = [];
  if (password.length < 8) problems.push('password_too_short');
  if (password.length > 256) problems.push('password_too_long');
  if (!/[a-z]/.test(password)) problems.push('password_needs_lowercase');
  if (!/[A-Z]/.test(password)) problems.push('password_needs_uppercase');
  if (!/[0-9]/.test(password)) problems.push('password_needs_number');
  if (!/[^A-Za-z0-9]/.test(password)) problems.push('password_needs_symbol');
  return problems;
}

export function codeProblems(code) {
  return CODE.test(code.trim()) ? [] : ['code_invalid'];
}

/** Every problem with a sign-up, as API error codes (empty when it can be sent). */
export function validateSignUp({ email, handle, displayName, password }) {
  const problems = [...emailProblems(email)];
  if (!HANDLE.test(handle.trim())) problems.push('handle_invalid');
  if (displayName.trim() === '') problems.push('display_name_blank');
  else if ([...displayName.trim()].length > 50) {
    problems.push('display_name_exceed_max_chars');
  }
  return [...problems, ...passwordProblems(password)];
}

const FIELD_PREFIXES = [
  ['email_', 'email'],
  ['handle_', 'handle'],
  ['display_name_', 'displayName'],
  ['password_', 'password'],
  ['code_', 'code'],
];

/**
 * Splits codes into the form field each belongs to; the rest (rate limits,
 * wrong credentials, outages) are `form`-wide.
 */
export function codesByField(codes) {
  const byField = {};
  for (const code of codes) {
    const field =
      FIELD_PREFIXES.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 'form';
    (byField[field] ??= []).push(code);
  }
  return byField;
}
