import { Link } from 'react-router';
import { Avatar } from '@/components/avatar';
import card from '@/components/card.module.css';
import personStyles from '@/components/person.module.css';
import utilities from '@/styles/utilities.module.css';
import { cx } from '@/utils/cx';
import { useAuth } from '@/lib/auth/auth-context';
import { useQuery } from '@/hooks/use-query';
import { getHomeActivities } from '../api/get-home-activities';
import { distinctAuthors } from '../utils/distinct-authors';

/** People posting lately: the authors on the first page of the home feed. */
export function SuggestedPeople() {
  const { user } = useAuth();
  const feed = useQuery('suggested-people', ({ signal }) =>
    getHomeActivities({ limit: 30, signal }),
  );
  if (feed.status !== 'success') return null;
  const people = distinctAuthors(feed.data.items, user?.handle);
  if (people.length === 0) return null;
  return (
    <section className={card.card} aria-labelledby="suggested-people">
      <h2 id="suggested-people">People posting lately</h2>
      <ul className={cx(utilities.plainList, personStyles.list)}>
        {people.map((person) => (
          <li key={person.handle}>
            <Link to={`/@${person.handle}`} className={personStyles.person}>
              <Avatar
                src={person.avatar_url}
                name={person.display_name}
                size="small"
              />
              <span className={personStyles.names}>
                <span className={personStyles.name}>{person.display_name}</span>
                <span className={personStyles.handle}>@{person.handle}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
