import { Link, useNavigate } from 'react-router';
import { useAuth } from '@/lib/auth/auth-context';
import { validateSignUp } from '../utils/validate';
import { useAuthForm } from '../hooks/use-auth-form';
import {
  AuthField,
  AuthSubmit,
  EmailField,
  NewPasswordField,
} from './auth-form';
import styles from './auth-form.module.css';

export function SignUpForm() {
  const { adapter } = useAuth();
  const navigate = useNavigate();
  const form = useAuthForm(
    { email: '', handle: '', displayName: '', password: '' },
    {
      validate: validateSignUp,
      action: async ({ email, handle, displayName, password }) => {
        await adapter.signUp({
          email: email.trim(),
          handle: handle.trim(),
          displayName: displayName.trim(),
          password,
        });
        navigate(`/confirm?email=${encodeURIComponent(email.trim())}`, {
          state: { signedUp: true },
        });
      },
    },
  );
  return (
    <form className={styles.form} onSubmit={form.submit} noValidate>
      <AuthField
        form={form}
        name="displayName"
        label="Display name"
        autoComplete="name"
        required
      />
      <AuthField
        form={form}
        name="handle"
        label="Handle"
        hint="3 to 30 letters, digits or underscores. People find you as @handle."
        autoComplete="username"
        autoCapitalize="none"
        required
      />
      <EmailField form={form} />
      <NewPasswordField form={form} label="Password" />
      <AuthSubmit form={form} label="Sign up" busyLabel="Signing up…" />
      <p className={styles.links}>
        Have an account? <Link to="/signin">Sign in</Link>
      </p>
    </form>
  );
}
