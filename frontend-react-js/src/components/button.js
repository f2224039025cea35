import { cx } from '@/utils/cx';
import styles from './button.module.css';

/**
 * The class names of a button, or of a link that looks like one:
 * `variant` is 'primary', 'secondary' or 'ghost'; `small` makes it compact.
 */
export function buttonClass(variant, { small = false } = {}) {
  return cx(styles.button, styles[variant], small && styles.small);
}
