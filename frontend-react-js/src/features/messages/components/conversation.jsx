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
import {
  conversationMessages,
  useInfiniteConversation,
} from '../api/get-messages';
import styles from './conversation.module.css';
import { MessageForm } from './message-form';

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
  const conversation = useInfiniteConversation({
    groupUuid,
    viewer: user.uuid,
  });
  const now = useNow();
  const endRef = useRef(null);
  const messages = conversationMessages(conversation.data);
  const lastUuid = messages.at(-1)?.uuid;

  useEffect(() => {
    if (lastUuid) endRef.current?.scrollIntoView?.({ block: 'end' });
  }, [lastUuid]);

  if (conversation.isPending)
    return <Loading label="Loading the conversation…" />;
  if (conversation.isLoadingError) {
    return (
      <>
        <PageHeader title="Conversation" />
        <ErrorMessage
          error={conversation.error}
          onRetry={() => conversation.refetch()}
        />
      </>
    );
  }
  const { other } = conversation.data.pages[0];
  const loadingOlder = conversation.isFetchingNextPage;
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
      {conversation.hasNextPage && (
        <button
          type="button"
          className={cx(buttonClass('secondary'), styles.loadOlder)}
          onClick={() => conversation.fetchNextPage()}
          disabled={loadingOlder}
        >
          {loadingOlder ? 'Loading…' : 'Load older messages'}
        </button>
      )}
      {conversation.isFetchNextPageError && !loadingOlder && (
        <ErrorMessage error={conversation.error} />
      )}
      <section
        aria-label="Messages"
        aria-live="polite"
        className={styles.messages}
      >
        {messages.length === 0 ? (
          <Empty>No messages yet.</Empty>
        ) : (
          <ol className={utilities.plainList}>
            {messages.map((message) => (
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
      />
    </>
  );
}
