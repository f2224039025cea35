// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  ERROR_SENTENCES,
  FALLBACK_ERROR_SENTENCE,
  errorSentence,
  errorSentences,
} from '../error-messages';

const REQUIRED_CODES = [
  'postgres_unavailable',
  'dynamodb_unavailable',
  'not_found',
  'method_not_allowed',
  'internal_error',
  'unauthorized',
  'rate_limited',
  // Every code the API documents today
  ...`email_invalid email_taken handle_invalid handle_taken display_name_blank
  display_name_exceed_max_chars password_too_short password_too_long
  password_needs_lowercase password_needs_uppercase password_needs_number
  password_needs_symbol code_invalid code_mismatch code_expired already_confirmed
  invalid_credentials user_not_confirmed refresh_token_invalid body_not_json_object
  token_missing token_expired token_invalid token_malformed token_scheme_invalid
  token_algorithm_invalid token_key_unknown token_issuer_invalid token_client_invalid
  token_use_invalid user_unknown identity_provider_unavailable message_blank
  message_exceed_max_chars ttl_blank ttl_invalid activity_not_found user_not_found
  term_blank term_exceed_max_chars limit_invalid cursor_invalid bio_exceed_max_chars
  avatar_missing avatar_too_large avatar_unsupported_type avatar_corrupt
  avatar_too_many_pixels cannot_message_self message_group_not_found
  payload_too_large message_invalid display_name_invalid bio_invalid term_invalid
  password_invalid recipient_blank message_group_uuid_invalid
  idempotency_key_reused idempotency_key_in_progress idempotency_key_invalid
  cannot_follow_self cannot_block_self cannot_mute_self duration_invalid
  already_reported reason_invalid target_blank cannot_report_self
  comment_exceed_max_chars account_suspended report_closed action_invalid
  reason_blank nothing_to_remove`.split(/\s+/),
  // The SPA's own, for an avatar sent straight to S3
  'upload_refused',
  'upload_unavailable',
  'avatar_processing_timeout',
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

describe('errorSentences', () => {
  it('gives one sentence per distinct code, in order', () => {
    expect(
      errorSentences({
        errors: ['password_too_short', 'handle_taken', 'password_too_short'],
      }),
    ).toEqual([
      ERROR_SENTENCES.password_too_short,
      ERROR_SENTENCES.handle_taken,
    ]);
  });

  it('falls back for errors that carry no codes', () => {
    expect(errorSentences(new Error('boom'))).toEqual([
      FALLBACK_ERROR_SENTENCE,
    ]);
    expect(errorSentences({ errors: [] })).toEqual([FALLBACK_ERROR_SENTENCE]);
  });
});
