import { useAuth } from '@/lib/auth/auth-context';
import { useInfiniteHomeActivities } from '../api/get-home-activities';
import { ComposeForm } from './compose-form';
import { CrudList } from './crud-list';

/** The home page's body: the compose box (signed in) and the feed. */
export function HomeFeed() {
  const { status, user } = useAuth();
  const feed = useInfiniteHomeActivities({ viewer: user?.uuid ?? null });
  return (
    <>
      {status === 'signed-in' && <ComposeForm />}
      <CrudList
        query={feed}
        label="Home feed"
        empty="No cruds right now. They expire, so check back soon, or write one."
      />
    </>
  );
}
