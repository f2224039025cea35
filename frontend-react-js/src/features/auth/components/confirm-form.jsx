import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { buttonClass } from '@/components/button';
import { FormErrors } from '@/components/states';
import { useAuth } from '@/lib/auth/auth-context';
import { codeProblems, emailProblems } from '../utils/validate';
import { useAuthForm } from '../hooks/use-auth-form';
import { AuthSubmit, CodeField, EmailField } from './auth-form';
import styles from './auth-form.module.css';

export function ConfirmForm() {
  const { adapter } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const [resent, setResent] = useState(null);
  const form = useAuthForm(
    { email: params.get('email') ?? '', code: '' },
    {
      validate: ({ email, code }) => [
        ...emailProblems(email),
        ...codeProblems(code),
      ],
      action: async ({ email, code }) => {
        await adapter.confirmSignUp({ email: email.trim(), code: code.trim() });
        navigate(`/signin?email=${encodeURIComponent(email.trim())}`, {
          state: { confirmed: true },
        });
      },
    },
  );

  async function resend() {
    setResent(null);
    try {
      await adapter.resendCode({ email: form.values.email.trim() });
      setResent({ ok: true });
    } catch (error) {
      setResent({ error });
    }
  }

  return (
    <form className={styles.form} onSubmit={form.submit} noValidate>
      <p role="status">
        {location.state?.signedUp
          ? 'Check your email: we sent you a 6-digit code.'
          : params.get('unconfirmed')
            ? 'Your account is not confirmed yet. Enter the code we emailed you.'
            : 'Enter the 6-digit code we emailed you.'}
      </p>
      <EmailField form={form} />
      <CodeField form={form} label="Confirmation code" />
      <AuthSubmit form={form} label="Confirm" busyLabel="Confirming…" />
      <button
        type="button"
        className={buttonClass('ghost')}
        onClick={resend}
        disabled={!adapter || form.values.email.trim() === ''}
      >
        Send a new code
      </button>
      {resent?.ok && <p role="status">A new code is on its way.</p>}
      {resent?.error && <FormErrors error={resent.error} />}
      <p className={styles.links}>
        <Link to="/signin">Sign in</Link>
      </p>
    </form>
  );
}
