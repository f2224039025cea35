import { useEffect, useId, useRef, useState } from 'react';
import { cx } from '@/utils/cx';
import { MoreIcon } from './icons';
import styles from './menu.module.css';

/**
 * A "…" button that opens a short menu of actions (the ARIA menu button
 * pattern): arrow keys, Home and End move between the items, Escape and a
 * click outside close it, and focus goes back to the button. `items` are
 * `{ label, onSelect, danger? }`; `label` names the button. A `bordered`
 * button stands among other buttons (a profile's).
 */
export function Menu({ label, items, className, bordered = false }) {
  const [open, setOpen] = useState(false);
  const wrapperRef = useRef(null);
  const buttonRef = useRef(null);
  const itemRefs = useRef([]);
  const menuId = useId();

  useEffect(() => {
    if (!open) return undefined;
    itemRefs.current[0]?.focus();
    function outside(event) {
      if (!wrapperRef.current?.contains(event.target)) setOpen(false);
    }
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  if (items.length === 0) return null;

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  function onButtonKeyDown(event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
    }
  }

  function onMenuKeyDown(event) {
    const buttons = itemRefs.current.filter(Boolean);
    const index = buttons.indexOf(document.activeElement);
    const focusAt = (i) =>
      buttons[(i + buttons.length) % buttons.length]?.focus();
    switch (event.key) {
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close();
        break;
      case 'ArrowDown':
        event.preventDefault();
        focusAt(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusAt(index - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusAt(0);
        break;
      case 'End':
        event.preventDefault();
        focusAt(buttons.length - 1);
        break;
      case 'Tab':
        setOpen(false);
        break;
      default:
    }
  }

  return (
    <div ref={wrapperRef} className={cx(styles.wrapper, className)}>
      <button
        ref={buttonRef}
        type="button"
        className={cx(styles.trigger, bordered && styles.bordered)}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((current) => !current)}
        onKeyDown={onButtonKeyDown}
      >
        <MoreIcon />
      </button>
      {open && (
        <ul
          id={menuId}
          role="menu"
          aria-label={label}
          className={styles.menu}
          onKeyDown={onMenuKeyDown}
        >
          {items.map((item, index) => (
            <li key={item.label} role="none">
              <button
                ref={(node) => {
                  itemRefs.current[index] = node;
                }}
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={cx(styles.item, item.danger && styles.danger)}
                onClick={() => {
                  close();
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
