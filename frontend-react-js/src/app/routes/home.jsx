import { PageHeader } from '@/components/page-header';
import { HomeFeed } from '@/features/cruds/components/home-feed';
import { SuggestedPeople } from '@/features/follows/components/suggested-people';
import styles from './home.module.css';

export function HomeRoute() {
  return (
    <>
      <title>Home · Cruddur</title>
      <PageHeader title="Home" />
      <HomeFeed
        suggestions={
          <SuggestedPeople
            title="People to follow"
            limit={10}
            showBio
            className={styles.suggestions}
          >
            <p>Follow people to see their cruds and reposts under Following.</p>
          </SuggestedPeople>
        }
      />
    </>
  );
}
