import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { buttonClass } from '@/components/button';
import { PageHeader } from '@/components/page-header';
import { Conversation } from '@/features/messages/components/conversation';
import { MessageGroups } from '@/features/messages/components/message-groups';
import { NewConversation } from '@/features/messages/components/new-conversation';

export function MessagesRoute() {
  return (
    <>
      <title>Messages · Cruddur</title>
      <PageHeader title="Messages">
        <Link
          to="/messages/new"
          className={buttonClass('secondary', { small: true })}
        >
          New message
        </Link>
      </PageHeader>
      <MessageGroups />
    </>
  );
}

export function ConversationRoute() {
  const { groupUuid } = useParams();
  return <Conversation key={groupUuid} groupUuid={groupUuid} />;
}

export function NewMessageRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const handle = (params.get('handle') ?? '').replace(/^@/, '');
  return (
    <>
      <title>New message · Cruddur</title>
      <PageHeader title="New message" />
      <NewConversation
        key={handle}
        handle={handle}
        onChooseHandle={(chosen) =>
          navigate(`/messages/new?handle=${encodeURIComponent(chosen)}`, {
            replace: true,
          })
        }
      />
    </>
  );
}
