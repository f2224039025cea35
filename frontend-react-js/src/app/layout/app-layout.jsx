import { useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar } from '@/components/avatar';
import { Dialog } from '@/components/dialog';
import {
  BellIcon,
  HomeIcon,
  MessageIcon,
  PencilIcon,
  ProfileIcon,
  SearchIcon,
} from '@/components/icons';
import { SearchBox } from '@/components/search-box';
import { Loading } from '@/components/states';
import { signInPath, useAuth } from '@/lib/auth/auth-context';
import { ComposeForm } from '@/features/cruds/components/compose-form';
import { SuggestedPeople } from '@/features/cruds/components/suggested-people';
import { UnreadBadge } from '@/features/notifications/components/unread-badge';

function navItems(user) {
  return [
    { to: '/', label: 'Home', Icon: HomeIcon },
    {
      to: '/notifications',
      label: 'Notifications',
      Icon: BellIcon,
      badge: <UnreadBadge />,
    },
    { to: '/search', label: 'Search', Icon: SearchIcon },
    { to: '/messages', label: 'Messages', Icon: MessageIcon },
    {
      to: user ? `/@${user.handle}` : '/profile',
      label: 'Profile',
      Icon: ProfileIcon,
    },
  ];
}

function CrudButton() {
  const { status } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  function start() {
    if (status === 'signed-in') setOpen(true);
    else navigate(signInPath(`${location.pathname}${location.search}`));
  }
  return (
    <div className="crud-action-slot">
      <button
        type="button"
        className="button button--primary crud-button"
        onClick={start}
      >
        <PencilIcon />
        <span>Crud</span>
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Write a crud">
        <ComposeForm
          autoFocus
          onCreated={() => {
            setOpen(false);
            if (location.pathname !== '/') navigate('/');
          }}
        />
      </Dialog>
    </div>
  );
}

/** Who is signed in (name from GET /api/profile), with sign out; or the way in. */
function Account({ className }) {
  const { status, user, signOut } = useAuth();
  const navigate = useNavigate();
  if (status === 'loading') return null;
  if (status !== 'signed-in' || !user) {
    return (
      <div className={`account ${className}`}>
        <Link to="/signin" className="button button--secondary button--small">
          Sign in
        </Link>
        <Link to="/signup" className="button button--primary button--small">
          Sign up
        </Link>
      </div>
    );
  }
  return (
    <div className={`account ${className}`}>
      <Link to={`/@${user.handle}`} className="account__user">
        <Avatar src={user.avatar_url} name={user.display_name} size="small" />
        <span className="account__names">
          <span className="account__name">{user.display_name}</span>
          <span className="account__handle">@{user.handle}</span>
        </span>
      </Link>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={async () => {
          await signOut().catch(() => {});
          navigate('/');
        }}
      >
        Sign out
      </button>
    </div>
  );
}

function SideNav() {
  const { user } = useAuth();
  return (
    <nav className="side-nav" aria-label="Main">
      <NavLink to="/" className="brand">
        Cruddur
      </NavLink>
      <ul className="nav-list">
        {navItems(user).map(({ to, label, Icon, badge }) => (
          <li key={label}>
            <NavLink to={to} end className="nav-link">
              <Icon />
              <span className="nav-link__label">{label}</span> {badge}
            </NavLink>
          </li>
        ))}
      </ul>
      <CrudButton />
      <Account className="account--side" />
    </nav>
  );
}

function Sidebar() {
  const { status } = useAuth();
  return (
    <aside className="sidebar" aria-label="Sidebar">
      <SearchBox />
      {status === 'signed-out' && (
        <section className="sidebar-card" aria-labelledby="join-title">
          <h2 id="join-title">New to Cruddur?</h2>
          <p>Say what is on your mind; it disappears when its time is up.</p>
          <Link to="/signup" className="button button--primary">
            Sign up
          </Link>
        </section>
      )}
      <SuggestedPeople />
    </aside>
  );
}

/** The page frame: navigation, the routed page in the main column, a sidebar. */
export function AppLayout() {
  const { status } = useAuth();
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="top-bar">
        <Link to="/" className="brand">
          Cruddur
        </Link>
        <Account className="account--top" />
      </header>
      <SideNav />
      <main id="main" className="main-column" tabIndex={-1}>
        {status === 'loading' ? <Loading /> : <Outlet />}
      </main>
      <Sidebar />
    </div>
  );
}
