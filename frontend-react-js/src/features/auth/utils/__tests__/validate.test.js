// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { codesByField, passwordProblems, validateSignUp } from '../validate';

const GOOD = {
  email: 'ada@example.com',
  handle: 'ada_l',
  displayName: 'Ada Lovelace',
  password: 'Engine-1843!',
};

describe('validateSignUp', () => {
  it('accepts a good sign-up', () => {
    expect(validateSignUp(GOOD)).toEqual([]);
  });

  it.each([
    [{ email: 'ada@' }, ['email_invalid']],
    [{ email: 'ada example.com' }, ['email_invalid']],
    [{ handle: 'ad' }, ['handle_invalid']],
    [{ handle: 'ada lovelace' }, ['handle_invalid']],
    [{ handle: 'a'.repeat(31) }, ['handle_invalid']],
    [{ displayName: '  ' }, ['display_name_blank']],
    [{ displayName: 'x'.repeat(51) }, ['display_name_exceed_max_chars']],
    [{ password: 'Sh0rt!' }, ['password_too_short']],
    [{ password: 'engine-1843!' }, ['password_needs_uppercase']],
    [{ password: 'ENGINE-1843!' }, ['password_needs_lowercase']],
    [{ password: 'Engine-eight!' }, ['password_needs_number']],
    [{ password: 'Engine18431843' }, ['password_needs_symbol']],
  ])('refuses %j with %j', (change, codes) => {
    expect(validateSignUp({ ...GOOD, ...change })).toEqual(codes);
  });

  it('lists every problem at once', () => {
    expect(
      validateSignUp({ email: '', handle: '', displayName: '', password: '' }),
    ).toEqual([
      'email_invalid',
      'handle_invalid',
      'display_name_blank',
      'password_too_short',
      'password_needs_lowercase',
      'password_needs_uppercase',
      'password_needs_number',
      'password_needs_symbol',
    ]);
  });

  it('limits the password length', () => {
    expect(passwordProblems(`Aa1!${'x'.repeat(253)}`)).toEqual([
      'password_too_long',
    ]);
  });
});

describe('codesByField', () => {
  it('puts each code under its field and the rest under the form', () => {
    expect(
      codesByField([
        'email_taken',
        'password_needs_symbol',
        'rate_limited',
        'code_mismatch',
      ]),
    ).toEqual({
      email: ['email_taken'],
      password: ['password_needs_symbol'],
      form: ['rate_limited'],
      code: ['code_mismatch'],
    });
  });
});
