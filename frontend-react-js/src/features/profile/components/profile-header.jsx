import { Link } from 'react-router';
import { Avatar } from '@/components/avatar';
import { buttonClass } from '@/components/button';
import utilities from '@/styles/utilities.module.css';
import { formatFullDate } from '@/utils/time';
import styles from './profile-header.module.css';

function count(n, one, many) {
  const value = n ?? 0;
  return (
    <>
      <strong>{value.toLocaleString('en')}</strong> {value === 1 ? one : many}
    </>
  );
}

/**
 * Banner, avatar, names, bio and counts at the top of a profile; Message,
 * `followButton` and `menu` on someone else's (no Message for someone I
 * blocked), Edit on your own.
 */
export function ProfileHeader({
  profile,
  isOwn,
  onEdit,
  followButton = null,
  menu = null,
}) {
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
          <div className={styles.actions}>
            {!profile.blocking && (
              <Link
                to={`/messages/new?handle=${encodeURIComponent(profile.handle)}`}
                className={buttonClass('secondary')}
              >
                Message
              </Link>
            )}
            {followButton}
            {menu}
          </div>
        )}
      </div>
      <h1 className={styles.name}>{profile.display_name}</h1>
      <p className={styles.handle}>
        @{profile.handle}
        {profile.follows_me && !isOwn && (
          <span className={styles.followsYou}>Follows you</span>
        )}
      </p>
      {profile.bio ? <p className={styles.bio}>{profile.bio}</p> : null}
      <p className={styles.counts}>
        <span>{count(profile.cruds_count, 'live crud', 'live cruds')}</span>
        <Link to={`/@${profile.handle}/following`} className={styles.countLink}>
          {count(profile.following_count, 'following', 'following')}
        </Link>
        <Link to={`/@${profile.handle}/followers`} className={styles.countLink}>
          {count(profile.followers_count, 'follower', 'followers')}
        </Link>
        {profile.created_at && (
          <span className={utilities.muted}>
            Joined {formatFullDate(profile.created_at).split(',')[0]}
          </span>
        )}
      </p>
    </section>
  );
}
