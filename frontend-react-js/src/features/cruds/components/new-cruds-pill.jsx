import { buttonClass } from '@/components/button';
import { ArrowUpIcon } from '@/components/icons';
import { cx } from '@/utils/cx';
import styles from './new-cruds-pill.module.css';

/**
 * "N new cruds" over the top of the timeline. It floats (takes no room), so
 * showing it moves nothing the person is reading.
 */
export function NewCrudsPill({ count, onShow }) {
  return (
    <div className={styles.slot} aria-live="polite">
      {count > 0 && (
        <button
          type="button"
          className={cx(buttonClass('primary', { small: true }), styles.pill)}
          onClick={onShow}
        >
          <ArrowUpIcon />
          {count === 1 ? '1 new crud' : `${count} new cruds`}
        </button>
      )}
    </div>
  );
}
