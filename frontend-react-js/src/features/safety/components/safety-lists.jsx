import { Link } from 'react-router';
import { Avatar } from '@/components/avatar';
import { buttonClass } from '@/components/button';
import { LoadMore } from '@/components/load-more';
import { Empty, ErrorMessage, Loading } from '@/components/states';
import { useAuth } from '@/lib/auth/auth-context';
import { errorSentence } from '@/lib/error-messages';
import { pageItems } from '@/lib/react-query';
import utilities from '@/styles/utilities.module.css';
import { formatFullDate } from '@/utils/time';
import { useInfiniteBlocks, useInfiniteMutes } from '../api/get-blocks';
import { useSetBlocking } from '../api/set-blocking';
import { useSetMuting } from '../api/set-muting';
import { mutedUntilText } from '../utils/format';
import styles from './safety-lists.module.css';

function SafetyRow({ person, detail, undoLabel, onUndo, pending, error }) {
  const path = `/@${person.handle}`;
  return (
    <article className={styles.row} aria-label={person.display_name}>
      <Link to={path} tabIndex={-1} aria-hidden="true">
        <Avatar
          src={person.avatar_url}
          name={person.display_name}
          size="small"
        />
      </Link>
      <div className={styles.body}>
        <Link to={path} className={styles.names}>
          <span className={styles.name}>{person.display_name}</span>
          <span className={styles.handle}>@{person.handle}</span>
        </Link>
        <p className={styles.detail}>{detail}</p>
        {error && (
          <p className={styles.error} role="alert">
            {errorSentence(error.errors?.[0])}
          </p>
        )}
      </div>
      <button
        type="button"
        className={buttonClass('secondary', { small: true })}
        aria-label={`${undoLabel} @${person.handle}`}
        disabled={pending}
        onClick={onUndo}
      >
        {undoLabel}
      </button>
    </article>
  );
}

function SafetyList({ query, label, empty, renderRow }) {
  if (query.isPending) return <Loading label="Loading people…" />;
  if (query.isLoadingError) {
    return <ErrorMessage error={query.error} onRetry={() => query.refetch()} />;
  }
  const people = pageItems(query.data);
  return (
    <section aria-label={label} className={styles.section}>
      <h2 className={styles.title}>{label}</h2>
      {people.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <ul className={utilities.plainList}>
          {people.map((person) => (
            <li key={person.uuid} className={styles.item}>
              {renderRow(person)}
            </li>
          ))}
        </ul>
      )}
      <LoadMore query={query} label="Load more people" />
    </section>
  );
}

function BlockedRow({ person }) {
  const unblock = useSetBlocking();
  return (
    <SafetyRow
      person={person}
      detail={`Blocked ${formatFullDate(person.blocked_at)}`}
      undoLabel="Unblock"
      pending={unblock.isPending}
      error={unblock.error}
      onUndo={() => unblock.mutate({ handle: person.handle, on: false })}
    />
  );
}

function MutedRow({ person }) {
  const unmute = useSetMuting();
  return (
    <SafetyRow
      person={person}
      detail={mutedUntilText(person.muted_until)}
      undoLabel="Unmute"
      pending={unmute.isPending}
      error={unmute.error}
      onUndo={() => unmute.mutate({ handle: person.handle, on: false })}
    />
  );
}

/** The people I blocked, newest first, each with Unblock. */
export function BlockedPeople() {
  const { user } = useAuth();
  const query = useInfiniteBlocks({ viewer: user?.uuid ?? null });
  return (
    <SafetyList
      query={query}
      label="Blocked people"
      empty="You have not blocked anyone."
      renderRow={(person) => <BlockedRow person={person} />}
    />
  );
}

/** The people I muted (live mutes), newest first, each with Unmute. */
export function MutedPeople() {
  const { user } = useAuth();
  const query = useInfiniteMutes({ viewer: user?.uuid ?? null });
  return (
    <SafetyList
      query={query}
      label="Muted people"
      empty="You have not muted anyone."
      renderRow={(person) => <MutedRow person={person} />}
    />
  );
}
