import { describe, expect, it } from 'vitest';
import { MAX_CRUD_CHARS, composeState, counterText } from '../compose-rules';

describe('composeState', () => {
  it.each([
    ['', { count: 0, blank: true, tooLong: false, canSubmit: false }],
    ['   \n ', { count: 5, blank: true, tooLong: false, canSubmit: false }],
    ['hi', { count: 2, blank: false, tooLong: false, canSubmit: true }],
    [
      'x'.repeat(280),
      { count: 280, blank: false, tooLong: false, canSubmit: true },
    ],
    [
      'x'.repeat(281),
      { count: 281, blank: false, tooLong: true, canSubmit: false },
    ],
    [
      '🦓'.repeat(280),
      { count: 280, blank: false, tooLong: false, canSubmit: true },
    ],
  ])('judges %j against the crud limit', (text, expected) => {
    expect(composeState(text)).toMatchObject({
      ...expected,
      max: MAX_CRUD_CHARS,
    });
  });

  it('takes another limit, such as a message’s', () => {
    expect(composeState('x'.repeat(1024), 1024)).toMatchObject({
      max: 1024,
      remaining: 0,
      tooLong: false,
      canSubmit: true,
    });
    expect(composeState('x'.repeat(1025), 1024)).toMatchObject({
      tooLong: true,
      canSubmit: false,
    });
  });

  it('warns within 20 characters of the limit', () => {
    expect(composeState('x'.repeat(259)).near).toBe(false);
    expect(composeState('x'.repeat(260)).near).toBe(true);
  });
});

describe('counterText', () => {
  it.each([
    [0, '0 / 280'],
    [280, '280 / 280'],
    [281, '1 character too many'],
    [282, '2 characters too many'],
    [380, '100 characters too many'],
  ])('says what %i characters of 280 are', (length, text) => {
    expect(counterText(composeState('x'.repeat(length)))).toBe(text);
  });
});
