import { useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import {
  BellIcon,
  HomeIcon,
  MessageIcon,
  PencilIcon,
  ProfileIcon,
  SearchIcon,
} from '@/components/icons';

const NAV_ITEMS = [
  { to: '/', label: 'Home', Icon: HomeIcon },
  { to: '/notifications', label: 'Notifications', Icon: BellIcon },
  { to: '/search', label: 'Search', Icon: SearchIcon },
  { to: '/messages', label: 'Messages', Icon: MessageIcon },
  { to: '/profile', label: 'Profile', Icon: ProfileIcon },
];

function CrudButton() {
  const [notice, setNotice] = useState('');
  return (
    <div className="crud-action">
      <button
        type="button"
        className="button button--primary crud-button"
        onClick={() => setNotice('Writing cruds is coming soon.')}
      >
        <PencilIcon />
        <span>Crud</span>
      </button>
      <p className="crud-notice" role="status">
        {notice}
      </p>
    </div>
  );
}

function SideNav() {
  return (
    <nav className="side-nav" aria-label="Main">
      <NavLink to="/" className="brand">
        Cruddur
      </NavLink>
      <ul className="nav-list">
        {NAV_ITEMS.map(({ to, label, Icon }) => (
          <li key={to}>
            <NavLink to={to} end className="nav-link">
              <Icon />
              <span>{label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
      <CrudButton />
    </nav>
  );
}

/** The page frame: navigation, the routed page in the main column, a sidebar. */
export function AppLayout() {
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <SideNav />
      <main id="main" className="main-column" tabIndex={-1}>
        <Outlet />
      </main>
      <aside className="sidebar" aria-label="Sidebar">
        <section className="sidebar-card">
          <h2>Trending</h2>
          <p className="muted">Trending cruds are coming soon.</p>
        </section>
      </aside>
    </div>
  );
}
