import { useAuth } from '@/lib/auth/auth-context';
import { useEvent } from '@/lib/events';
import { useHomeActivities } from '../api/get-home-activities';
import { ComposeForm } from './compose-form';
import { CrudList } from './crud-list';

/** The home page's body: the compose box (signed in) and the feed. */
export function HomeFeed() {
  const { status, user } = useAuth();
  const feed = useHomeActivities(user?.uuid);
  useEvent('crud-created', (activity) => {
    if (!activity.reply_to_activity_uuid) feed.prepend(activity);
  });
  return (
    <>
      {status === 'signed-in' && <ComposeForm />}
      <CrudList
        list={feed}
        label="Home feed"
        empty="No cruds right now. They expire, so check back soon, or write one."
      />
    </>
  );
}
