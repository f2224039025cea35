import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { TabLinks } from '@/components/tab-links';
import { useAuth } from '@/lib/auth/auth-context';
import { getInfiniteFollowersQueryOptions } from '@/features/follows/api/get-followers';
import { getInfiniteFollowingQueryOptions } from '@/features/follows/api/get-following';
import { findCachedPerson } from '@/features/follows/api/people-cache';
import { PeopleList } from '@/features/follows/components/people-list';
import { NotFoundPage } from './not-found';
import styles from './people.module.css';

const KINDS = {
  followers: {
    options: getInfiniteFollowersQueryOptions,
    title: (handle) => `People following @${handle}`,
    empty: (handle, isOwn) =>
      isOwn ? 'Nobody follows you yet.' : `Nobody follows @${handle} yet.`,
  },
  following: {
    options: getInfiniteFollowingQueryOptions,
    title: (handle) => `People @${handle} follows`,
    empty: (handle, isOwn) =>
      isOwn ? (
        <>
          You do not follow anyone yet. <Link to="/">Home</Link> suggests people
          to follow.
        </>
      ) : (
        `@${handle} does not follow anyone yet.`
      ),
  },
};

function People({ handle, kind }) {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const { options, title, empty } = KINDS[kind];
  const query = useInfiniteQuery(
    options({ handle, viewer: user?.uuid ?? null }),
  );
  if (query.isLoadingError && query.error?.status === 404) {
    return <NotFoundPage />;
  }
  const isOwn = user?.handle === handle;
  // The name, when it is yours or their profile or a list showing them is cached.
  const name = isOwn
    ? user.display_name
    : findCachedPerson(queryClient, handle)?.display_name;
  return (
    <>
      <title>{`${title(handle)} · Cruddur`}</title>
      <PageHeader title={name ?? `@${handle}`}>
        <p className={styles.handle}>
          <Link to={`/@${handle}`}>
            {name ? `@${handle}` : 'Back to the profile'}
          </Link>
        </p>
        <TabLinks
          label="People"
          className={styles.tabs}
          tabs={[
            {
              to: `/@${handle}/followers`,
              label: 'Followers',
              current: kind === 'followers',
            },
            {
              to: `/@${handle}/following`,
              label: 'Following',
              current: kind === 'following',
            },
          ]}
        />
      </PageHeader>
      <PeopleList
        query={query}
        label={title(handle)}
        empty={empty(handle, isOwn)}
      />
    </>
  );
}

function PeopleRoute({ kind }) {
  const { atHandle } = useParams();
  if (!atHandle.startsWith('@') || atHandle.length < 2) return <NotFoundPage />;
  const handle = atHandle.slice(1);
  return <People key={`${handle}/${kind}`} handle={handle} kind={kind} />;
}

export function FollowersRoute() {
  return <PeopleRoute kind="followers" />;
}

export function FollowingRoute() {
  return <PeopleRoute kind="following" />;
}
