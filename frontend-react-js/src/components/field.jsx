import { useId } from 'react';
import { cx } from '@/utils/cx';
import styles from './field.module.css';

/**
 * A labelled input (or textarea with `multiline`), with an optional hint and
 * error sentence tied to it through aria-describedby.
 */
export function Field({
  label,
  hint,
  error,
  multiline = false,
  className,
  ...props
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const Control = multiline ? 'textarea' : 'input';
  return (
    <div className={cx(styles.field, className)}>
      <label htmlFor={id}>{label}</label>
      <Control
        id={id}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        {...props}
      />
      {hint && (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className={styles.error}>
          {error}
        </p>
      )}
    </div>
  );
}
