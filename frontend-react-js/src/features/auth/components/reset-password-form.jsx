import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '@/lib/auth/auth-context';
import {
  codeProblems,
  emailProblems,
  passwordProblems,
} from '../utils/validate';
import { useAuthForm } from '../hooks/use-auth-form';
import {
  AuthSubmit,
  CodeField,
  EmailField,
  NewPasswordField,
} from './auth-form';
import styles from './auth-form.module.css';

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
    <form className={styles.form} onSubmit={form.submit} noValidate>
      <p role="status">
        If an account has that address, we emailed it a 6-digit code.
      </p>
      <EmailField form={form} />
      <CodeField form={form} label="Code" />
      <NewPasswordField form={form} label="New password" />
      <AuthSubmit
        form={form}
        label="Set the new password"
        busyLabel="Saving…"
      />
      <p className={styles.links}>
        <Link to="/forgot-password">Send another code</Link>
      </p>
    </form>
  );
}
