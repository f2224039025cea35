// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  ERROR_SENTENCES,
  FALLBACK_ERROR_SENTENCE,
  errorSentence,
} from '../error-messages';

const REQUIRED_CODES = [
  'postgres_unavailable',
  'dynamodb_unavailable',
  'not_found',
  'method_not_allowed',
  'internal_error',
  'unauthorized',
  'rate_limited',
];

describe('errorSentence', () => {
  it.each(REQUIRED_CODES)('has its own sentence for %s', (code) => {
    const sentence = errorSentence(code);

    expect(sentence).toBe(ERROR_SENTENCES[code]);
    expect(sentence).not.toBe(FALLBACK_ERROR_SENTENCE);
    expect(sentence).not.toContain(code);
    expect(sentence).toMatch(/^[A-Z].*\.$/);
  });

  it('gives distinct sentences to distinct codes', () => {
    const sentences = Object.values(ERROR_SENTENCES);
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it.each([
    ['an unknown code', 'some_new_code'],
    ['undefined', undefined],
    ['null', null],
    ['a number', 503],
    ['an inherited property name', 'toString'],
    ['a prototype key', '__proto__'],
  ])('falls back to a generic sentence for %s', (_label, code) => {
    const sentence = errorSentence(code);

    expect(sentence).toBe(FALLBACK_ERROR_SENTENCE);
    if (typeof code === 'string') expect(sentence).not.toContain(code);
  });
});
