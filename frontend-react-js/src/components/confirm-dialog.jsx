import { cx } from '@/utils/cx';
import { buttonClass } from './button';
import { Dialog } from './dialog';
import { FormErrors } from './states';
import styles from './confirm-dialog.module.css';

/**
 * Asks before an action that cannot be taken back in one click: `children`
 * say what happens, `confirmLabel` names the action; `pending` while it is
 * sent and `error` when it was refused.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pendingLabel = 'Working…',
  onConfirm,
  onClose,
  pending = false,
  error = null,
  danger = false,
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <div className={styles.body}>{children}</div>
      <FormErrors error={error} />
      <div className={styles.buttons}>
        <button
          type="button"
          className={buttonClass('secondary')}
          onClick={onClose}
        >
          Cancel
        </button>
        <button
          type="button"
          className={cx(buttonClass('primary'), danger && styles.danger)}
          onClick={onConfirm}
          disabled={pending}
        >
          {pending ? pendingLabel : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
