import { buttonClass } from '@/components/button';
import { FormErrors } from '@/components/states';
import { useSetBlocking } from '../api/set-blocking';
import { useSetMuting } from '../api/set-muting';
import { mutedUntilText } from '../utils/format';
import styles from './safety-notice.module.css';

/**
 * On a profile I blocked or muted: says so, with the way to undo it.
 * Nothing for anyone else.
 */
export function SafetyNotice({ profile }) {
  const block = useSetBlocking();
  const mute = useSetMuting();
  if (profile.blocking) {
    return (
      <section className={styles.notice} aria-label="Blocked">
        <p className={styles.text}>
          You blocked @{profile.handle}. You do not see their cruds, and they do
          not see yours.
        </p>
        <button
          type="button"
          className={buttonClass('secondary', { small: true })}
          disabled={block.isPending}
          onClick={() => block.mutate({ handle: profile.handle, on: false })}
        >
          {block.isPending ? 'Unblocking…' : `Unblock @${profile.handle}`}
        </button>
        <FormErrors error={block.error} />
      </section>
    );
  }
  if (profile.muting) {
    return (
      <section className={styles.notice} aria-label="Muted">
        <p className={styles.text}>{mutedUntilText(profile.muted_until)}.</p>
        <button
          type="button"
          className={buttonClass('secondary', { small: true })}
          disabled={mute.isPending}
          onClick={() => mute.mutate({ handle: profile.handle, on: false })}
        >
          {mute.isPending ? 'Unmuting…' : `Unmute @${profile.handle}`}
        </button>
        <FormErrors error={mute.error} />
      </section>
    );
  }
  return null;
}
