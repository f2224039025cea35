import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import {
  HeartIcon,
  ReplyIcon,
  RepostIcon,
  ShareIcon,
} from '@/components/icons';
import { cx } from '@/utils/cx';
import { signInPath, useAuth } from '@/lib/auth/auth-context';
import { errorSentence } from '@/lib/error-messages';
import { setLiked } from '../api/like-activity';
import { setReposted } from '../api/repost-activity';
import { crudPath } from '../utils/paths';
import styles from './crud-actions.module.css';

async function copyText(text) {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  throw new Error('The clipboard is not available.');
}

/**
 * A toggle that changes at once and goes back if the API says no. While the
 * request runs the guess is shown; afterwards the item's own (updated) values.
 * `apply(on)` resolves to the server's { on, count }.
 */
function useOptimisticToggle({ on, count, apply, onSettled }) {
  const [guess, setGuess] = useState(null);
  const [error, setError] = useState(null);
  const pending = useRef(false);
  const shown = guess ?? { on, count };

  async function toggle() {
    if (pending.current) return;
    pending.current = true;
    const next = { on: !on, count: Math.max(0, count + (on ? -1 : 1)) };
    setGuess(next);
    setError(null);
    try {
      onSettled(await apply(next.on));
    } catch (failure) {
      setError(failure);
    } finally {
      pending.current = false;
      setGuess(null);
    }
  }

  return { ...shown, error, toggle };
}

/** Reply, repost, like and share, under a crud. */
export function CrudActions({ activity, onChange }) {
  const { status } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [notice, setNotice] = useState('');
  const signedIn = status === 'signed-in';
  const name = activity.display_name;

  const like = useOptimisticToggle({
    on: activity.liked,
    count: activity.likes_count,
    apply: async (on) => {
      const result = await setLiked(activity.uuid, on);
      return { on: result.liked, count: result.likes_count };
    },
    onSettled: ({ on, count }) =>
      onChange({ ...activity, liked: on, likes_count: count }),
  });
  const repost = useOptimisticToggle({
    on: activity.reposted,
    count: activity.reposts_count,
    apply: async (on) => {
      const result = await setReposted(activity.uuid, on);
      return { on: result.reposted, count: result.reposts_count };
    },
    onSettled: ({ on, count }) =>
      onChange({ ...activity, reposted: on, reposts_count: count }),
  });

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
        className={cx(styles.action, repost.on && styles.on)}
        aria-pressed={repost.on}
        aria-label={`Repost (${repost.count} ${repost.count === 1 ? 'repost' : 'reposts'})`}
        onClick={() => requireSignIn(repost.toggle)}
      >
        <RepostIcon />
        <span aria-hidden="true">{repost.count}</span>
      </button>
      <button
        type="button"
        className={cx(styles.action, styles.like, like.on && styles.on)}
        aria-pressed={like.on}
        aria-label={`Like (${like.count} ${like.count === 1 ? 'like' : 'likes'})`}
        onClick={() => requireSignIn(like.toggle)}
      >
        <HeartIcon />
        <span aria-hidden="true">{like.count}</span>
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
