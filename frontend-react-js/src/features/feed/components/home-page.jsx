import { PageHeader } from '@/components/page-header';
import { ApiStatus } from './api-status';

export function HomePage() {
  return (
    <>
      <title>Home · Cruddur</title>
      <PageHeader title="Home" />
      <ApiStatus />
      <p className="muted">
        Cruds from the people you follow will show up here.
      </p>
    </>
  );
}
