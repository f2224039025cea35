import { useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar } from '@/components/avatar';
import { buttonClass } from '@/components/button';
import card from '@/components/card.module.css';
import { Dialog } from '@/components/dialog';
import {
  BellIcon,
  HomeIcon,
  MessageIcon,
  PencilIcon,
  ProfileIcon,
  SearchIcon,
  SettingsIcon,
  ShieldIcon,
} from '@/components/icons';
import { SearchBox } from '@/components/search-box';
import { Loading } from '@/components/states';
import { useMediaQuery } from '@/hooks/use-media-query';
import { isModerator, signInPath, useAuth } from '@/lib/auth/auth-context';
import { SuspendedPage } from '@/features/auth/components/suspended-page';
import { ComposeForm } from '@/features/cruds/components/compose-form';
import { SuggestedPeople } from '@/features/follows/components/suggested-people';
import { UnreadBadge } from '@/features/notifications/components/unread-badge';
import breakpoints from '@/styles/breakpoints.module.css';
import { cx } from '@/utils/cx';
import styles from './app-layout.module.css';

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
    ...(user
      ? [{ to: '/settings', label: 'Settings', Icon: SettingsIcon }]
      : []),
    ...(isModerator(user)
      ? [{ to: '/moderation', label: 'Moderation', Icon: ShieldIcon }]
      : []),
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
    <div className={styles.crudSlot}>
      <button
        type="button"
        className={cx(buttonClass('primary'), styles.crudButton)}
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
      <div className={cx(styles.account, className)}>
        <Link
          to="/signin"
          className={cx(
            buttonClass('secondary', { small: true }),
            styles.accountButton,
          )}
        >
          Sign in
        </Link>
        <Link
          to="/signup"
          className={cx(
            buttonClass('primary', { small: true }),
            styles.accountButton,
          )}
        >
          Sign up
        </Link>
      </div>
    );
  }
  return (
    <div className={cx(styles.account, className)}>
      <Link to={`/@${user.handle}`} className={styles.accountUser}>
        <Avatar src={user.avatar_url} name={user.display_name} size="small" />
        <span className={styles.accountNames}>
          <span className={styles.accountName} data-testid="account-name">
            {user.display_name}
          </span>
          <span className={styles.accountHandle}>@{user.handle}</span>
        </span>
      </Link>
      <button
        type="button"
        className={cx(
          buttonClass('ghost', { small: true }),
          styles.accountButton,
        )}
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
  const items = navItems(user);
  return (
    <nav className={styles.sideNav} aria-label="Main">
      <NavLink to="/" className={styles.brand}>
        Cruddur
      </NavLink>
      <ul className={styles.navList} style={{ '--nav-items': items.length }}>
        {items.map(({ to, label, Icon, badge }) => (
          <li key={label}>
            <NavLink to={to} end className={styles.navLink}>
              <Icon />
              <span className={styles.navLabel}>{label}</span> {badge}
            </NavLink>
          </li>
        ))}
      </ul>
      <CrudButton />
      <Account className={styles.accountSide} />
    </nav>
  );
}

function Sidebar() {
  const { status, user } = useAuth();
  const { pathname } = useLocation();
  // Home shows someone who follows nobody its own, longer list, for as long
  // as they stay on it (as home does): following someone there does not add
  // this one beside it.
  const visitKey = `${pathname} ${user?.uuid ?? ''}`;
  const newcomer = user?.following_count === 0;
  const [visit, setVisit] = useState({ key: visitKey, newcomer });
  if (visit.key !== visitKey) setVisit({ key: visitKey, newcomer });
  const homeSuggests = pathname === '/' && visit.newcomer;
  // Nothing is asked for before the session is known: the answer depends on
  // who asks.
  return (
    <aside className={styles.sidebar} aria-label="Sidebar">
      <SearchBox />
      {status === 'signed-out' && (
        <section className={card.card} aria-labelledby="join-title">
          <h2 id="join-title">New to Cruddur?</h2>
          <p>Say what is on your mind; it disappears when its time is up.</p>
          <Link to="/signup" className={buttonClass('primary')}>
            Sign up
          </Link>
        </section>
      )}
      {status !== 'loading' && !homeSuggests && <SuggestedPeople />}
    </aside>
  );
}

/**
 * The page frame: navigation, the routed page in the main column, and a
 * sidebar where there is room for it (narrower, it is not rendered at all, so
 * it fetches nothing).
 */
export function AppLayout() {
  const { status, suspension } = useAuth();
  const narrow = useMediaQuery(breakpoints.narrow);
  if (suspension) return <SuspendedPage until={suspension.until} />;
  return (
    <div className={styles.shell}>
      <a className={styles.skipLink} href="#main">
        Skip to main content
      </a>
      <header className={styles.topBar}>
        <Link to="/" className={styles.brand}>
          Cruddur
        </Link>
        <Account className={styles.accountTop} />
      </header>
      <SideNav />
      <main id="main" className={styles.main} tabIndex={-1}>
        {status === 'loading' ? <Loading /> : <Outlet />}
      </main>
      {!narrow && <Sidebar />}
    </div>
  );
}
