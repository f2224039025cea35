import { useEffect, useId, useRef } from 'react';
import { cx } from '@/utils/cx';
import { buttonClass } from './button';
import styles from './dialog.module.css';

/**
 * A modal dialog on the native <dialog> element: focus is trapped and Escape
 * closes it. `open` drives it; `onClose` is called however it closes.
 */
export function Dialog({ open, onClose, title, children }) {
  const ref = useRef(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal?.();
    if (!open && dialog.open) dialog.close?.();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={onClose}
    >
      {open && (
        <>
          <header className={styles.header}>
            <h2 id={titleId}>{title}</h2>
            <button
              type="button"
              className={cx(buttonClass('ghost'), styles.close)}
              onClick={onClose}
              aria-label="Close"
            >
              ×
            </button>
          </header>
          {children}
        </>
      )}
    </dialog>
  );
}
