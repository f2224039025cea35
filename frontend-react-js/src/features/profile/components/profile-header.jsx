import { Link } from 'react-router';
import { Avatar } from '@/components/avatar';
import { formatFullDate } from '@/utils/time';

/** Banner, avatar, names, bio and counts at the top of a profile. */
export function ProfileHeader({ profile, isOwn, onEdit }) {
  return (
    <section className="profile" aria-label="Profile">
      <div className="profile__banner" aria-hidden="true" />
      <div className="profile__top">
        <Avatar
          src={profile.avatar_url_large || profile.avatar_url}
          name={profile.display_name}
          size="large"
        />
        {isOwn ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={onEdit}
          >
            Edit profile
          </button>
        ) : (
          <Link
            to={`/messages/new?handle=${encodeURIComponent(profile.handle)}`}
            className="button button--secondary"
          >
            Message
          </Link>
        )}
      </div>
      <h1 className="profile__name">{profile.display_name}</h1>
      <p className="profile__handle">@{profile.handle}</p>
      {profile.bio ? <p className="profile__bio">{profile.bio}</p> : null}
      <p className="profile__counts">
        <span>
          <strong>{profile.cruds_count}</strong>{' '}
          {profile.cruds_count === 1 ? 'live crud' : 'live cruds'}
        </span>
        {profile.created_at && (
          <span className="muted">
            Joined {formatFullDate(profile.created_at).split(',')[0]}
          </span>
        )}
      </p>
    </section>
  );
}
