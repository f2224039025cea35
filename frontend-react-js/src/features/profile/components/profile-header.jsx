import { Link } from 'react-router';
import { Avatar } from '@/components/avatar';
import { buttonClass } from '@/components/button';
import utilities from '@/styles/utilities.module.css';
import { formatFullDate } from '@/utils/time';
import styles from './profile-header.module.css';

/** Banner, avatar, names, bio and counts at the top of a profile. */
export function ProfileHeader({ profile, isOwn, onEdit }) {
  return (
    <section className={styles.profile} aria-label="Profile">
      <div className={styles.banner} aria-hidden="true" />
      <div className={styles.top}>
        <Avatar
          src={profile.avatar_url_large || profile.avatar_url}
          name={profile.display_name}
          size="large"
        />
        {isOwn ? (
          <button
            type="button"
            className={buttonClass('secondary')}
            onClick={onEdit}
          >
            Edit profile
          </button>
        ) : (
          <Link
            to={`/messages/new?handle=${encodeURIComponent(profile.handle)}`}
            className={buttonClass('secondary')}
          >
            Message
          </Link>
        )}
      </div>
      <h1 className={styles.name}>{profile.display_name}</h1>
      <p className={styles.handle}>@{profile.handle}</p>
      {profile.bio ? <p className={styles.bio}>{profile.bio}</p> : null}
      <p className={styles.counts}>
        <span>
          <strong>{profile.cruds_count}</strong>{' '}
          {profile.cruds_count === 1 ? 'live crud' : 'live cruds'}
        </span>
        {profile.created_at && (
          <span className={utilities.muted}>
            Joined {formatFullDate(profile.created_at).split(',')[0]}
          </span>
        )}
      </p>
    </section>
  );
}
