/**
 * The pieces every identity form is built from, wired to a useAuthForm: its
 * fields (with the API's or the local checks' sentences under each), and the
 * form-wide errors with the submit button below them.
 */
import { buttonClass } from '@/components/button';
import { Field } from '@/components/field';
import { FormErrors } from '@/components/states';
import { useAuth } from '@/lib/auth/auth-context';
import { fieldError } from '../hooks/use-auth-form';

const NEW_PASSWORD_HINT =
  'At least 8 characters, with a lowercase letter, an uppercase letter, a digit and a symbol.';

/** A labelled field for `form.values[name]`. */
export function AuthField({ form, name, ...props }) {
  return (
    <Field
      value={form.values[name]}
      onChange={form.set(name)}
      error={fieldError(form.byField, name)}
      {...props}
    />
  );
}

export function EmailField({ form }) {
  return (
    <AuthField
      form={form}
      name="email"
      label="Email"
      type="email"
      autoComplete="email"
      required
    />
  );
}

/** The 6-digit code from an email. */
export function CodeField({ form, label }) {
  return (
    <AuthField
      form={form}
      name="code"
      label={label}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      required
    />
  );
}

/** A password being chosen, with the rules it must follow. */
export function NewPasswordField({ form, label }) {
  return (
    <AuthField
      form={form}
      name="password"
      label={label}
      type="password"
      hint={NEW_PASSWORD_HINT}
      autoComplete="new-password"
      required
    />
  );
}

/**
 * The errors that belong to no field, then the submit button, which waits for
 * the identity provider to load and says `busyLabel` while the form is sent.
 */
export function AuthSubmit({ form, label, busyLabel }) {
  const { adapter } = useAuth();
  const codes = form.byField.form;
  return (
    <>
      {codes?.length > 0 && <FormErrors error={{ errors: codes }} />}
      <button
        type="submit"
        className={buttonClass('primary')}
        disabled={!adapter || form.submitting}
      >
        {form.submitting ? busyLabel : label}
      </button>
    </>
  );
}
