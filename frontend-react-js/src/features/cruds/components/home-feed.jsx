import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { TabLinks } from '@/components/tab-links';
import { useAuth } from '@/lib/auth/auth-context';
import { pageItems } from '@/lib/react-query';
import { useInfiniteHomeActivities } from '../api/get-home-activities';
import { useInfinitePublicActivities } from '../api/get-public-activities';
import { useNewHomeCrudsCount } from '../api/new-home-cruds';
import { ComposeForm } from './compose-form';
import { CrudList } from './crud-list';
import { NewCrudsPill } from './new-cruds-pill';
import styles from './home-feed.module.css';

const EVERYONE_EMPTY =
  'No cruds right now. They expire, so check back soon, or write one.';

const TABS = [
  { feed: 'following', label: 'Following' },
  { feed: 'everyone', label: 'Everyone' },
];

/** The two timelines, as links: the one shown is in the address (?feed=). */
function FeedTabs({ current }) {
  return (
    <TabLinks
      label="Timelines"
      className={styles.tabs}
      tabs={TABS.map(({ feed, label }) => ({
        to: `/?feed=${feed}`,
        label,
        current: feed === current,
      }))}
    />
  );
}

function FollowingFeed({ viewer, newcomer, suggestions }) {
  const feed = useInfiniteHomeActivities({ viewer });
  const newCount = useNewHomeCrudsCount({ viewer, feed });
  const empty = feed.isSuccess && pageItems(feed.data).length === 0;
  function showNew() {
    window.scrollTo({ top: 0 });
    feed.refetch();
  }
  return (
    <>
      {(newcomer || empty) && suggestions}
      <NewCrudsPill count={newCount} onShow={showNew} />
      <CrudList
        query={feed}
        label="Following"
        empty={
          <>
            {newcomer
              ? 'Follow people to see their cruds here. '
              : 'Nobody you follow has a live crud right now. '}
            Meanwhile, see what <Link to="/?feed=everyone">everyone</Link> is
            saying.
          </>
        }
      />
    </>
  );
}

function EveryoneFeed({ viewer, newcomer, suggestions }) {
  const feed = useInfinitePublicActivities({ viewer });
  return (
    <>
      {newcomer && suggestions}
      <CrudList query={feed} label="Everyone" empty={EVERYONE_EMPTY} />
    </>
  );
}

/**
 * A signed-in person's home: Following (their timeline) and Everyone. Someone
 * who follows nobody yet starts on Everyone, with people to follow; that
 * stays for the visit, so following one of them does not move the page.
 */
function SignedInHome({ user, suggestions }) {
  const [params] = useSearchParams();
  const [newcomer] = useState(() => user.following_count === 0);
  const asked = params.get('feed');
  const feed = TABS.some((tab) => tab.feed === asked)
    ? asked
    : newcomer
      ? 'everyone'
      : 'following';
  const Feed = feed === 'following' ? FollowingFeed : EveryoneFeed;
  return (
    <>
      <ComposeForm />
      <FeedTabs current={feed} />
      <Feed viewer={user.uuid} newcomer={newcomer} suggestions={suggestions} />
    </>
  );
}

/** A visitor sees everyone's cruds. */
function VisitorHome() {
  const feed = useInfiniteHomeActivities({ viewer: null });
  return <CrudList query={feed} label="Home feed" empty={EVERYONE_EMPTY} />;
}

/**
 * The home page's body: for a signed-in person the compose box and two
 * timelines, with `suggestions` (people to follow) for someone who follows
 * nobody yet or whose timeline is empty.
 */
export function HomeFeed({ suggestions = null }) {
  const { status, user } = useAuth();
  if (status === 'signed-in' && user) {
    return <SignedInHome user={user} suggestions={suggestions} />;
  }
  return <VisitorHome />;
}
