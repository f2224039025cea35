import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '@/lib/auth/auth-context';
import {
  codeProblems,
  emailProblems,
  passwordProblems,
} from '../utils/validate';
import { useAuthForm } from '../hooks/use-auth-form';
import { AuthField, AuthFormErrors } from './auth-form';

export function ResetPasswordForm() {
  const { adapter } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useAuthForm(
    { email: params.get('email') ?? '', code: '', password: '' },
    {
      validate: ({ email, code, password }) => [
        ...emailProblems(email),
        ...codeProblems(code),
        ...passwordProblems(password),
      ],
      action: async ({ email, code, password }) => {
        await adapter.resetPassword({
          email: email.trim(),
          code: code.trim(),
          password,
        });
        navigate(`/signin?email=${encodeURIComponent(email.trim())}`, {
          state: { passwordReset: true },
        });
      },
    },
  );
  return (
    <form className="auth-form" onSubmit={form.submit} noValidate>
      <p role="status">
        If an account has that address, we emailed it a 6-digit code.
      </p>
      <AuthField
        form={form}
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
      />
      <AuthField
        form={form}
        name="code"
        label="Code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        required
      />
      <AuthField
        form={form}
        name="password"
        label="New password"
        type="password"
        hint="At least 8 characters, with a lowercase letter, an uppercase letter, a digit and a symbol."
        autoComplete="new-password"
        required
      />
      <AuthFormErrors form={form} />
      <button
        type="submit"
        className="button button--primary"
        disabled={!adapter || form.submitting}
      >
        {form.submitting ? 'Saving…' : 'Set the new password'}
      </button>
      <p className="auth-form__links">
        <Link to="/forgot-password">Send another code</Link>
      </p>
    </form>
  );
}
