import { useId } from 'react';
import card from '@/components/card.module.css';
import { useAuth } from '@/lib/auth/auth-context';
import utilities from '@/styles/utilities.module.css';
import { cx } from '@/utils/cx';
import { useSuggestedPeople } from '../api/get-suggested-people';
import { PersonRow } from './person-row';
import styles from './suggested-people.module.css';

/**
 * People to follow (GET /api/users/suggested), each with a Follow button for
 * a signed-in person. Someone followed from here stays in the list, marked
 * Following, until the list is read again. Nothing shows while it loads or
 * when there is nobody to suggest.
 */
export function SuggestedPeople({
  title = 'Who to follow',
  limit = 5,
  showBio = false,
  className,
  children,
}) {
  const id = useId();
  const { user } = useAuth();
  const suggested = useSuggestedPeople({ viewer: user?.uuid ?? null, limit });
  const people = suggested.data?.items ?? [];
  if (people.length === 0) return null;
  return (
    <section className={cx(card.card, className)} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
      <ul className={cx(utilities.plainList, styles.list)}>
        {people.map((person) => (
          <li key={person.uuid}>
            <PersonRow person={person} showBio={showBio} />
          </li>
        ))}
      </ul>
    </section>
  );
}
