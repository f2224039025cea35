import { counterText } from '@/utils/compose-rules';
import { cx } from '@/utils/cx';
import styles from './char-counter.module.css';

/** The live "n / max" counter under a message box (`state` from composeState). */
export function CharCounter({ state, id, className }) {
  return (
    <p
      id={id}
      className={cx(
        styles.counter,
        state.tooLong ? styles.over : state.near && styles.near,
        className,
      )}
      aria-live={state.near ? 'polite' : 'off'}
    >
      {counterText(state)}
    </p>
  );
}
