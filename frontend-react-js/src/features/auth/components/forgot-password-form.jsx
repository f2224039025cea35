import { Link, useNavigate } from 'react-router';
import { useAuth } from '@/lib/auth/auth-context';
import { emailProblems } from '../utils/validate';
import { useAuthForm } from '../hooks/use-auth-form';
import { AuthField, AuthFormErrors } from './auth-form';

export function ForgotPasswordForm() {
  const { adapter } = useAuth();
  const navigate = useNavigate();
  const form = useAuthForm(
    { email: '' },
    {
      validate: ({ email }) => emailProblems(email),
      action: async ({ email }) => {
        await adapter.forgotPassword({ email: email.trim() });
        navigate(`/reset-password?email=${encodeURIComponent(email.trim())}`);
      },
    },
  );
  return (
    <form className="auth-form" onSubmit={form.submit} noValidate>
      <p>
        Enter your email address and we will send you a code to choose a new
        password.
      </p>
      <AuthField
        form={form}
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
      />
      <AuthFormErrors form={form} />
      <button
        type="submit"
        className="button button--primary"
        disabled={!adapter || form.submitting}
      >
        {form.submitting ? 'Sending…' : 'Send the code'}
      </button>
      <p className="auth-form__links">
        <Link to="/signin">Back to sign in</Link>
      </p>
    </form>
  );
}
