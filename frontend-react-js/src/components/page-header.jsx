import styles from './page-header.module.css';

/** The heading that opens every page: one h1 per page. */
export function PageHeader({ title, children }) {
  return (
    <header className={styles.header}>
      <h1>{title}</h1>
      {children}
    </header>
  );
}
