import { useState } from 'react';
import { cx } from '@/utils/cx';
import styles from './avatar.module.css';

function initials(name) {
  const letters = String(name ?? '')
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => [...word][0] ?? '')
    .join('');
  return letters.toUpperCase() || '?';
}

/**
 * A person's picture, decorative (their name is always written beside it).
 * Falls back to their initials when there is no image or it fails to load.
 */
export function Avatar({ src, name, size = 'medium' }) {
  const [failedSrc, setFailedSrc] = useState(null);
  const showImage = src && failedSrc !== src;
  return (
    <span className={cx(styles.avatar, styles[size])} aria-hidden="true">
      {showImage ? (
        <img
          src={src}
          alt=""
          loading="lazy"
          onError={() => setFailedSrc(src)}
        />
      ) : (
        <span>{initials(name)}</span>
      )}
    </span>
  );
}
