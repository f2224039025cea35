import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { Avatar } from '@/components/avatar';
import { buttonClass } from '@/components/button';
import { PageHeader } from '@/components/page-header';
import { ErrorMessage, Empty, Loading } from '@/components/states';
import { useAuth } from '@/lib/auth/auth-context';
import { useNow } from '@/hooks/use-now';
import utilities from '@/styles/utilities.module.css';
import { cx } from '@/utils/cx';
import { formatAgo, formatFullDate } from '@/utils/time';
import { useConversation } from '../api/get-messages';
import { MessageForm } from './message-form';
import styles from './conversation.module.css';

function MessageBubble({ message, mine, now }) {
  return (
    <article className={cx(styles.message, mine && styles.mine)}>
      <p className={styles.meta}>
        <strong>{mine ? 'You' : message.display_name}</strong>{' '}
        <time
          dateTime={message.created_at}
          title={formatFullDate(message.created_at)}
        >
          {formatAgo(message.created_at, now)}
        </time>
      </p>
      <p className={styles.text}>{message.message}</p>
    </article>
  );
}

/** One conversation, kept up to date while it is open, with a reply box. */
export function Conversation({ groupUuid }) {
  const { user } = useAuth();
  const conversation = useConversation(groupUuid);
  const now = useNow();
  const endRef = useRef(null);
  const lastUuid = conversation.items.at(-1)?.uuid;

  useEffect(() => {
    if (lastUuid) endRef.current?.scrollIntoView?.({ block: 'end' });
  }, [lastUuid]);

  if (conversation.status === 'loading')
    return <Loading label="Loading the conversation…" />;
  if (conversation.status === 'error') {
    return (
      <>
        <PageHeader title="Conversation" />
        <ErrorMessage
          error={conversation.error}
          onRetry={conversation.reload}
        />
      </>
    );
  }
  const { other } = conversation;
  return (
    <>
      <title>{`${other.display_name} · Messages · Cruddur`}</title>
      <PageHeader title={other.display_name}>
        <Link to={`/@${other.handle}`} className={styles.with}>
          <Avatar
            src={other.avatar_url}
            name={other.display_name}
            size="small"
          />
          @{other.handle}
        </Link>
      </PageHeader>
      {conversation.hasOlder && (
        <button
          type="button"
          className={cx(buttonClass('secondary'), styles.loadOlder)}
          onClick={conversation.loadOlder}
          disabled={conversation.loadingOlder}
        >
          {conversation.loadingOlder ? 'Loading…' : 'Load older messages'}
        </button>
      )}
      {conversation.olderError && (
        <ErrorMessage error={conversation.olderError} />
      )}
      <section
        aria-label="Messages"
        aria-live="polite"
        className={styles.messages}
      >
        {conversation.items.length === 0 ? (
          <Empty>No messages yet.</Empty>
        ) : (
          <ol className={utilities.plainList}>
            {conversation.items.map((message) => (
              <li key={message.uuid}>
                <MessageBubble
                  message={message}
                  mine={message.handle === user.handle}
                  now={now}
                />
              </li>
            ))}
          </ol>
        )}
        <div ref={endRef} />
      </section>
      <MessageForm
        groupUuid={groupUuid}
        label={`Message ${other.display_name}`}
        onSent={(result) => conversation.add(result.message)}
      />
    </>
  );
}
