import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { SearchIcon } from './icons';

/** A search field that goes to the search page with the query in the URL. */
export function SearchBox({ initial = '', label = 'Search cruds' }) {
  const id = useId();
  const navigate = useNavigate();
  const [term, setTerm] = useState(initial);
  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(event) => {
        event.preventDefault();
        const q = term.trim();
        if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
      }}
    >
      <label htmlFor={id} className="visually-hidden">
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
      <button type="submit" className="button button--primary button--small">
        Search
      </button>
    </form>
  );
}
