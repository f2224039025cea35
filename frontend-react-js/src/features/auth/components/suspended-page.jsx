import { useNavigate } from 'react-router';
import { buttonClass } from '@/components/button';
import { useAuth } from '@/lib/auth/auth-context';
import { suspensionSentence } from '@/lib/error-messages';
import styles from './suspended-page.module.css';

/** In place of every page while the account is suspended: why, and sign out. */
export function SuspendedPage({ until }) {
  const { signOut } = useAuth();
  const navigate = useNavigate();
  return (
    <main className={styles.page} id="main">
      <title>Account suspended · Cruddur</title>
      <div className={styles.box} role="alert">
        <p className={styles.brand}>Cruddur</p>
        <h1 className={styles.title}>Account suspended</h1>
        <p className={styles.text}>{suspensionSentence(until)}</p>
        <p className={styles.text}>
          While it is suspended you cannot read or post. A moderator decided
          this after a report about your cruds or your profile.
        </p>
        <button
          type="button"
          className={buttonClass('primary')}
          onClick={async () => {
            await signOut().catch(() => {});
            navigate('/signin', { replace: true });
          }}
        >
          Sign out
        </button>
      </div>
    </main>
  );
}
