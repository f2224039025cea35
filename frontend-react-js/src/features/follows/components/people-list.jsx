import { LoadMore } from '@/components/load-more';
import { Empty, ErrorMessage, Loading } from '@/components/states';
import { pageItems } from '@/lib/react-query';
import utilities from '@/styles/utilities.module.css';
import { PersonRow } from './person-row';
import styles from './people-list.module.css';

/** A paginated list of people (an infinite query of Person pages). */
export function PeopleList({ query, label, empty }) {
  if (query.isPending) return <Loading label="Loading people…" />;
  if (query.isLoadingError) {
    return <ErrorMessage error={query.error} onRetry={() => query.refetch()} />;
  }
  const people = pageItems(query.data);
  return (
    <section aria-label={label}>
      {people.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <ul className={utilities.plainList}>
          {people.map((person) => (
            <li key={person.uuid} className={styles.item}>
              <PersonRow person={person} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore query={query} label="Load more people" />
    </section>
  );
}
