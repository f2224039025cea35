import { errorSentences } from '@/lib/error-messages';
import { cx } from '@/utils/cx';
import { buttonClass } from './button';
import styles from './states.module.css';

/** A list or page that is loading: announced to screen readers. */
export function Loading({ label = 'Loading…' }) {
  return (
    <p className={cx(styles.state, styles.loading)} role="status">
      <span className={styles.spinner} aria-hidden="true" />
      {label}
    </p>
  );
}

/** Nothing to show, said in words. */
export function Empty({ children }) {
  return <p className={styles.state}>{children}</p>;
}

/** The sentences for an error, with an optional way to try again. */
export function ErrorMessage({ error, onRetry }) {
  return (
    <div className={cx(styles.state, styles.error)} role="alert">
      {errorSentences(error).map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
      {onRetry && (
        <button
          type="button"
          className={cx(buttonClass('secondary'), styles.retry)}
          onClick={onRetry}
        >
          Try again
        </button>
      )}
    </div>
  );
}

/** Errors of a form submission, listed above its button. */
export function FormErrors({ error }) {
  if (!error) return null;
  const sentences = errorSentences(error);
  return (
    <div className={styles.formErrors} role="alert">
      {sentences.length === 1 ? (
        <p>{sentences[0]}</p>
      ) : (
        <ul>
          {sentences.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
