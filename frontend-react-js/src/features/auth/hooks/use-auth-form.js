import { useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { errorSentence } from '@/lib/error-messages';
import { codesByField } from '../utils/validate';

/** The sentence(s) for one field's codes, or null. */
export function fieldError(byField, name) {
  const codes = byField[name];
  return codes?.length ? codes.map(errorSentence).join(' ') : null;
}

/**
 * State shared by the identity forms: field values, per-field errors from
 * the local checks or the API, and a submit that runs `action`.
 */
export function useAuthForm(initial, { validate, action }) {
  const [values, setValues] = useState(initial);
  const [byField, setByField] = useState({});
  const [submitting, setSubmitting] = useState(false);

  const set = (name) => (event) => {
    setValues((current) => ({ ...current, [name]: event.target.value }));
    setByField((current) => ({
      ...current,
      [name]: undefined,
      form: undefined,
    }));
  };

  async function submit(event) {
    event.preventDefault();
    if (submitting) return;
    const problems = validate ? validate(values) : [];
    if (problems.length > 0) {
      setByField(codesByField(problems));
      return;
    }
    setSubmitting(true);
    setByField({});
    try {
      await action(values);
    } catch (error) {
      const codes =
        error instanceof ApiError && error.errors.length > 0
          ? error.errors
          : ['unknown_error'];
      setByField(codesByField(codes));
    } finally {
      setSubmitting(false);
    }
  }

  return { values, set, byField, submitting, submit };
}
