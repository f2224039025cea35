import { useEffect } from 'react';
import { useRouteError } from 'react-router';
import styles from './error-page.module.css';

/** Shown when rendering a route throws: a last resort, outside the layout. */
export function ErrorPage() {
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <main className={styles.page}>
      <title>Error · Cruddur</title>
      <h1>Something went wrong</h1>
      <p>The page could not be shown. Reload to try again.</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </main>
  );
}
