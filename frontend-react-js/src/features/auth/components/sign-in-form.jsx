import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError, suspensionOf } from '@/lib/api-client';
import { safeNextPath, useAuth } from '@/lib/auth/auth-context';
import { suspensionSentence } from '@/lib/error-messages';
import { emailProblems } from '../utils/validate';
import { useAuthForm } from '../hooks/use-auth-form';
import { AuthField, AuthSubmit, EmailField } from './auth-form';
import styles from './auth-form.module.css';

function notice(state, params) {
  if (state?.confirmed)
    return 'Your account is confirmed. Sign in to start crudding.';
  if (state?.passwordReset)
    return 'Your password is changed. Sign in with the new one.';
  if (params.get('next')) return 'Please sign in to continue.';
  return null;
}

export function SignInForm() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const [suspension, setSuspension] = useState(null);
  const form = useAuthForm(
    { email: params.get('email') ?? '', password: '' },
    {
      validate: ({ email, password }) => [
        ...emailProblems(email),
        ...(password === '' ? ['password_too_short'] : []),
      ],
      action: async ({ email, password }) => {
        setSuspension(null);
        try {
          await signIn({ email: email.trim(), password });
        } catch (error) {
          const suspended = suspensionOf(error);
          if (suspended) {
            setSuspension(suspended);
            return;
          }
          if (
            error instanceof ApiError &&
            error.errors.includes('user_not_confirmed')
          ) {
            navigate(
              `/confirm?email=${encodeURIComponent(email.trim())}&unconfirmed=1`,
            );
            return;
          }
          throw error;
        }
        navigate(safeNextPath(params.get('next')), { replace: true });
      },
    },
  );
  const message = notice(location.state, params);
  return (
    <form className={styles.form} onSubmit={form.submit} noValidate>
      {message && !suspension && <p role="status">{message}</p>}
      {suspension && (
        <div className={styles.suspended} role="alert">
          <p>{suspensionSentence(suspension.until)}</p>
        </div>
      )}
      <EmailField form={form} />
      <AuthField
        form={form}
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
      />
      <AuthSubmit form={form} label="Sign in" busyLabel="Signing in…" />
      <p className={styles.links}>
        <Link to="/forgot-password">Forgot your password?</Link>
        <span>
          New here? <Link to="/signup">Sign up</Link>
        </span>
      </p>
    </form>
  );
}
