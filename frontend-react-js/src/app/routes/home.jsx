import { PageHeader } from '@/components/page-header';
import { HomeFeed } from '@/features/cruds/components/home-feed';

export function HomeRoute() {
  return (
    <>
      <title>Home · Cruddur</title>
      <PageHeader title="Home" />
      <HomeFeed />
    </>
  );
}
