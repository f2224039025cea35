import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import {
  HeartIcon,
  ReplyIcon,
  RepostIcon,
  ShareIcon,
} from '@/components/icons';
import { signInPath, useAuth } from '@/lib/auth/auth-context';
import { errorSentence } from '@/lib/error-messages';
import { cx } from '@/utils/cx';
import { useSetLiked } from '../api/like-activity';
import { useSetReposted } from '../api/repost-activity';
import { crudPath } from '../utils/paths';
import styles from './crud-actions.module.css';

async function copyText(text) {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  throw new Error('The clipboard is not available.');
}

/** Reply, repost, like and share, under a crud. */
export function CrudActions({ activity }) {
  const { status } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [notice, setNotice] = useState('');
  const signedIn = status === 'signed-in';
  const name = activity.display_name;

  const like = useSetLiked();
  const repost = useSetReposted();
  // The cache shows a click at once; another click waits for the answer.
  const toggle = (mutation, on) => () => {
    if (!mutation.isPending) mutation.mutate({ uuid: activity.uuid, on: !on });
  };

  useEffect(() => {
    if (!notice) return undefined;
    const timer = setTimeout(() => setNotice(''), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  function requireSignIn(action) {
    if (signedIn) return action();
    navigate(signInPath(`${location.pathname}${location.search}`));
  }

  async function share() {
    const url = new URL(crudPath(activity), window.location.origin).href;
    try {
      await copyText(url);
      setNotice('Link copied to the clipboard.');
    } catch {
      setNotice(`Copy this link: ${url}`);
    }
  }

  const failure = like.error || repost.error;

  return (
    <div className={styles.actions}>
      <Link
        to={crudPath(activity)}
        state={{ focusReply: true }}
        className={styles.action}
        aria-label={`Reply to ${name} (${activity.replies_count} ${activity.replies_count === 1 ? 'reply' : 'replies'})`}
      >
        <ReplyIcon />
        <span aria-hidden="true">{activity.replies_count}</span>
      </Link>
      <button
        type="button"
        className={cx(styles.action, activity.reposted && styles.on)}
        aria-pressed={activity.reposted}
        aria-label={`Repost (${activity.reposts_count} ${activity.reposts_count === 1 ? 'repost' : 'reposts'})`}
        onClick={() => requireSignIn(toggle(repost, activity.reposted))}
      >
        <RepostIcon />
        <span aria-hidden="true">{activity.reposts_count}</span>
      </button>
      <button
        type="button"
        className={cx(styles.action, styles.like, activity.liked && styles.on)}
        aria-pressed={activity.liked}
        aria-label={`Like (${activity.likes_count} ${activity.likes_count === 1 ? 'like' : 'likes'})`}
        onClick={() => requireSignIn(toggle(like, activity.liked))}
      >
        <HeartIcon />
        <span aria-hidden="true">{activity.likes_count}</span>
      </button>
      <button
        type="button"
        className={styles.action}
        aria-label="Share: copy the link"
        onClick={share}
      >
        <ShareIcon />
      </button>
      <p className={styles.notice} role="status">
        {failure ? errorSentence(failure.errors?.[0]) : notice}
      </p>
    </div>
  );
}
