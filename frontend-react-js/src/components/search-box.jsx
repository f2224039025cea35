import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import utilities from '@/styles/utilities.module.css';
import { buttonClass } from './button';
import { SearchIcon } from './icons';
import styles from './search-box.module.css';

/** A search field that goes to the search page with the query in the URL. */
export function SearchBox({ initial = '', label = 'Search cruds' }) {
  const id = useId();
  const navigate = useNavigate();
  const [term, setTerm] = useState(initial);
  return (
    <form
      role="search"
      className={styles.searchBox}
      onSubmit={(event) => {
        event.preventDefault();
        const q = term.trim();
        if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
      }}
    >
      <label htmlFor={id} className={utilities.visuallyHidden}>
        {label}
      </label>
      <SearchIcon />
      <input
        id={id}
        type="search"
        value={term}
        maxLength={100}
        placeholder="Search cruds"
        onChange={(event) => setTerm(event.target.value)}
      />
      <button type="submit" className={buttonClass('primary', { small: true })}>
        Search
      </button>
    </form>
  );
}
