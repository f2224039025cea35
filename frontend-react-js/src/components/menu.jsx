import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import breakpoints from '@/styles/breakpoints.module.css';
import { cx } from '@/utils/cx';
import { MoreIcon } from './icons';
import styles from './menu.module.css';

// The least room, in px, left between an open menu and the screen's edges.
const EDGE = 8;
const BELOW = Object.freeze({ side: 'bottom', shift: 0 });

/**
 * How much of the bottom of the screen the phone's navigation bar covers, in
 * px: the bar is fixed there, --bottom-bar-height tall (in rem, tokens.css).
 */
function bottomBarHeight() {
  if (!window.matchMedia(breakpoints.phone).matches) return 0;
  const root = getComputedStyle(document.documentElement);
  const rem = parseFloat(root.getPropertyValue('--bottom-bar-height'));
  if (Number.isNaN(rem)) return 0;
  return rem * (parseFloat(root.fontSize) || 16);
}

/**
 * Where a menu of `list`'s size goes beside its `button` (both rects, in
 * viewport px): below it, or above it when it does not fit below (above the
 * phone's bottom bar) and there is more room above; `shift` moves it sideways
 * to keep it on the screen, as it is lined up with the button's right edge.
 */
function placeMenu(button, list) {
  const roomBelow = window.innerHeight - bottomBarHeight() - button.bottom;
  const roomAbove = button.top;
  const side =
    list.height + EDGE > roomBelow && roomAbove > roomBelow ? 'top' : 'bottom';
  const left = button.right - list.width;
  const shift =
    left < EDGE
      ? EDGE - left
      : Math.min(0, window.innerWidth - EDGE - button.right);
  return { side, shift };
}

/**
 * A "…" button that opens a short menu of actions (the ARIA menu button
 * pattern): arrow keys, Home and End move between the items, Escape and a
 * click outside close it, and focus goes back to the button. `items` are
 * `{ label, onSelect, danger? }`; `label` names the button. A `bordered`
 * button stands among other buttons (a profile's). The menu opens upward
 * when there is no room for it below (`data-side` says which way).
 */
export function Menu({ label, items, className, bordered = false }) {
  const [open, setOpen] = useState(false);
  const [placement, setPlacement] = useState(BELOW);
  const wrapperRef = useRef(null);
  const buttonRef = useRef(null);
  const menuRef = useRef(null);
  const itemRefs = useRef([]);
  const menuId = useId();

  // Measured before the menu is painted, so it never shows in the wrong place.
  useLayoutEffect(() => {
    if (!open) return;
    setPlacement(
      placeMenu(
        buttonRef.current.getBoundingClientRect(),
        menuRef.current.getBoundingClientRect(),
      ),
    );
  }, [open]);

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
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className={styles.menu}
          data-side={placement.side}
          style={
            placement.shift
              ? { transform: `translateX(${placement.shift}px)` }
              : undefined
          }
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
