/**
 * The one place that turns the API's stable error codes into sentences people
 * read. Components never show a raw code: unknown codes get the fallback.
 */

export const FALLBACK_ERROR_SENTENCE =
  'Something went wrong. Please try again in a moment.';

export const ERROR_SENTENCES = Object.freeze({
  // The API and the network
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
  body_not_json_object:
    'The request could not be understood. Please try again.',
  payload_too_large: 'That is too large to send.',
  idempotency_key_reused:
    'That was sent once already with other content. Please send it again.',
  idempotency_key_in_progress:
    'That is still being sent. Please wait a moment before trying again.',
  idempotency_key_invalid: 'That could not be sent. Please send it again.',
  identity_provider_unavailable:
    'Signing in is unavailable right now. Please try again in a moment.',

  // Signing up, in and out
  email_invalid: 'Enter a valid email address, like name@example.com.',
  email_taken: 'An account with that email address already exists.',
  handle_invalid:
    'A handle is 3 to 30 letters, digits or underscores, with no spaces.',
  handle_taken: 'That handle is taken. Please pick another one.',
  display_name_blank: 'Enter a display name.',
  display_name_exceed_max_chars:
    'A display name can be at most 50 characters long.',
  password_too_short: 'Your password must be at least 8 characters long.',
  password_too_long: 'Your password can be at most 256 characters long.',
  password_needs_lowercase:
    'Your password needs at least one lowercase letter.',
  password_needs_uppercase:
    'Your password needs at least one uppercase letter.',
  password_needs_number: 'Your password needs at least one digit.',
  password_needs_symbol:
    'Your password needs at least one symbol, such as ! or #.',
  code_invalid: 'The code is the 6 digits from the email we sent you.',
  code_mismatch: 'That code is not right. Check the email and try again.',
  code_expired: 'That code has expired. Ask for a new one.',
  code_attempts_exceeded:
    'Too many wrong codes. Please wait an hour before you try again.',
  already_confirmed: 'This account is already confirmed. You can sign in.',
  invalid_credentials: 'The email address or password is not right.',
  user_not_confirmed:
    'Your account is not confirmed yet. Enter the code we emailed you.',
  refresh_token_invalid: 'Your session has ended. Please sign in again.',

  // Access tokens
  token_missing: 'You need to be signed in to do that.',
  token_expired: 'Your session has expired. Please sign in again.',
  token_revoked: 'You have signed out. Please sign in again.',
  token_invalid: 'Your session is not valid. Please sign in again.',
  token_malformed: 'Your session could not be read. Please sign in again.',
  token_scheme_invalid:
    'Your session was sent in a form the server does not accept. Please sign in again.',
  token_algorithm_invalid:
    'Your session was signed in a way the server does not accept. Please sign in again.',
  token_key_unknown:
    'Your session was signed with a key the server does not know. Please sign in again.',
  token_issuer_invalid:
    'Your session comes from another sign-in service. Please sign in again.',
  token_client_invalid:
    'Your session belongs to another app. Please sign in again.',
  token_use_invalid:
    'Your session cannot be used for this. Please sign in again.',
  user_unknown:
    'Your account could not be found. Please sign in again or sign up.',

  // Cruds, replies, search and lists
  message_blank: 'Write something first.',
  message_invalid: 'That message contains a character that cannot be stored.',
  display_name_invalid:
    'That display name contains a character that cannot be stored.',
  bio_invalid: 'That bio contains a character that cannot be stored.',
  term_invalid: 'That search contains a character that cannot be searched for.',
  password_invalid: 'That password contains a character that cannot be used.',
  recipient_blank: 'Choose who to write to.',
  message_group_uuid_invalid: 'That conversation could not be found.',
  message_exceed_max_chars: 'That message is too long.',
  ttl_blank: 'Choose how long the crud should last.',
  ttl_invalid: 'Choose one of the listed durations.',
  activity_not_found:
    'That crud does not exist any more. Cruds expire, so it may have run out of time.',
  user_not_found: 'There is nobody with that handle.',
  term_blank: 'Type something to search for.',
  term_exceed_max_chars: 'Searches can be at most 100 characters long.',
  limit_invalid: 'The list could not be loaded. Please try again.',
  cursor_invalid:
    'The next page could not be loaded. Reload the page to start again.',

  // Profile and avatar
  bio_exceed_max_chars: 'A bio can be at most 160 characters long.',
  avatar_missing: 'Choose an image to upload.',
  avatar_too_large: 'That image is too large. Choose one of at most 5 MB.',
  avatar_unsupported_type: 'Choose a JPEG, PNG, WebP or GIF image.',
  avatar_corrupt: 'That image could not be read. Try another one.',
  avatar_too_many_pixels:
    'That image has too many pixels. Choose a smaller one.',
  upload_refused: 'The upload was refused. Please try again.',
  upload_unavailable:
    'Uploads are unavailable right now. Please try again in a moment.',
  avatar_processing_timeout:
    'The image was uploaded but is not ready yet. It may show in a moment; if it does not, try another image.',

  // Following
  cannot_follow_self: 'You cannot follow yourself.',

  // Messages
  cannot_message_self: 'You cannot send a message to yourself.',
  message_group_not_found:
    'That conversation does not exist, or it is not yours.',

  // Blocking, muting, reporting
  cannot_block_self: 'You cannot block yourself.',
  cannot_mute_self: 'You cannot mute yourself.',
  duration_invalid: 'Choose how long it should last from the list.',
  already_reported:
    'You have reported this already. A moderator will look at your report.',
  reason_invalid: 'Choose a reason for the report.',
  target_blank: 'Choose what to report.',
  cannot_report_self: 'You cannot report yourself.',
  comment_exceed_max_chars: 'A comment can be at most 1000 characters long.',
  account_suspended: 'Your account is suspended.',

  // Moderation
  report_closed: 'That report is closed already; someone else acted on it.',
  action_invalid: 'Choose one of the listed actions.',
  reason_blank: 'Write down why, for the log.',
  nothing_to_remove:
    'This report is about a person, not a crud: there is no crud to remove.',
});

const UNTIL_DATE = new Intl.DateTimeFormat('en', {
  dateStyle: 'long',
  timeStyle: 'short',
});

/** "Your account is suspended until …", for `until` an ISO time or null (until lifted). */
export function suspensionSentence(until) {
  if (!until) return 'Your account is suspended until a moderator lifts it.';
  return `Your account is suspended until ${UNTIL_DATE.format(new Date(until))}.`;
}

/** The sentence for one API error code, or a generic one for unknown codes. */
export function errorSentence(code) {
  if (typeof code === 'string' && Object.hasOwn(ERROR_SENTENCES, code)) {
    return ERROR_SENTENCES[code];
  }
  return FALLBACK_ERROR_SENTENCE;
}

/** The distinct sentences for an error (an ApiError's codes, or anything else). */
export function errorSentences(error) {
  const codes = Array.isArray(error?.errors) ? error.errors : [];
  if (codes.length === 0) return [FALLBACK_ERROR_SENTENCE];
  return [...new Set(codes.map(errorSentence))];
}
