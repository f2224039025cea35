/**
 * The one place that turns the API's stable error codes into sentences people
 * read. Components never show a raw code: unknown codes get the fallback.
 */

export const FALLBACK_ERROR_SENTENCE =
  'Something went wrong. Please try again in a moment.';

export const ERROR_SENTENCES = Object.freeze({
  postgres_unavailable:
    'Posts are unavailable right now because the database is down. Please try again in a moment.',
  dynamodb_unavailable:
    'Messages are unavailable right now because their store is down. Please try again in a moment.',
  not_found: 'We could not find what you were looking for.',
  method_not_allowed: 'That action is not allowed here.',
  internal_error:
    'The server ran into a problem. Please try again in a moment.',
  unauthorized: 'Please sign in to continue.',
  rate_limited:
    'You are doing that too often. Please wait a little and try again.',
  api_unreachable:
    'The server is not answering right now. Please try again in a moment.',
  network_error:
    'Cannot reach the server. Check your connection and try again.',
  invalid_response: 'The server sent a response we could not read.',
});

/** The sentence for one API error code, or a generic one for unknown codes. */
export function errorSentence(code) {
  if (typeof code === 'string' && Object.hasOwn(ERROR_SENTENCES, code)) {
    return ERROR_SENTENCES[code];
  }
  return FALLBACK_ERROR_SENTENCE;
}
