import { Link, useNavigate } from 'react-router';
import { useAuth } from '@/lib/auth/auth-context';
import { emailProblems } from '../utils/validate';
import { useAuthForm } from '../hooks/use-auth-form';
import { AuthSubmit, EmailField } from './auth-form';
import styles from './auth-form.module.css';

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
    <form className={styles.form} onSubmit={form.submit} noValidate>
      <p>
        Enter your email address and we will send you a code to choose a new
        password.
      </p>
      <EmailField form={form} />
      <AuthSubmit form={form} label="Send the code" busyLabel="Sending…" />
      <p className={styles.links}>
        <Link to="/signin">Back to sign in</Link>
      </p>
    </form>
  );
}
