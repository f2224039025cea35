import { useId } from 'react';
import { cx } from '@/utils/cx';
import styles from './choice-group.module.css';

/**
 * One choice among a few, as radio buttons under a legend. `choices` are
 * `{ value, label }`; a null value is allowed ("until I undo").
 */
export function ChoiceGroup({ legend, choices, value, onChange, className }) {
  const name = useId();
  return (
    <fieldset className={cx(styles.group, className)}>
      <legend className={styles.legend}>{legend}</legend>
      {choices.map((choice) => (
        <label key={String(choice.value)} className={styles.choice}>
          <input
            type="radio"
            name={name}
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
          />
          <span>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
