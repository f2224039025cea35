import { Field } from '@/components/field';
import { FormErrors } from '@/components/states';
import { fieldError } from '../hooks/use-auth-form';

/** A labelled field wired to a useAuthForm. */
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

export function AuthFormErrors({ form }) {
  const codes = form.byField.form;
  return codes?.length ? <FormErrors error={{ errors: codes }} /> : null;
}
