import { useEffect, useId, useRef } from 'react';

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
      className="dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={onClose}
    >
      {open && (
        <>
          <header className="dialog__header">
            <h2 id={titleId}>{title}</h2>
            <button
              type="button"
              className="button button--ghost"
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
