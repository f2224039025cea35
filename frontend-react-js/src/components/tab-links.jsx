import { Link } from 'react-router';
import { cx } from '@/utils/cx';
import styles from './tab-links.module.css';

/**
 * Links that look like tabs, each to a page of its own: `tabs` are
 * `{ to, label, current }`, and the current one is marked for assistive
 * technology too. `className` places the row.
 */
export function TabLinks({ label, tabs, className }) {
  return (
    <nav className={cx(styles.tabs, className)} aria-label={label}>
      {tabs.map((tab) => (
        <Link
          key={tab.to}
          to={tab.to}
          className={styles.tab}
          aria-current={tab.current ? 'page' : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
