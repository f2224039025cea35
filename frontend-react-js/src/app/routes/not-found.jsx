import { Link, useLocation } from 'react-router';
import { PageHeader } from '@/components/page-header';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <>
      <title>Page not found · Cruddur</title>
      <PageHeader title="Page not found" />
      <p>
        There is no page at <code>{pathname}</code>. Cruds expire, so it may
        have existed once.
      </p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}
