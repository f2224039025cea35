import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Avatar } from '@/components/avatar';
import { Field } from '@/components/field';
import { ErrorMessage, Loading } from '@/components/states';
import { useUserShort } from '../api/get-user-short';
import { MessageForm } from './message-form';

function normaliseHandle(value) {
  return value.trim().replace(/^@/, '');
}

/** Pick someone by @handle, then write the first message. */
export function NewConversation({ handle, onChooseHandle }) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState(handle ? `@${handle}` : '');
  const person = useUserShort({ handle });

  return (
    <>
      <form
        className="new-conversation"
        onSubmit={(event) => {
          event.preventDefault();
          const chosen = normaliseHandle(draft);
          if (chosen) onChooseHandle(chosen);
        }}
      >
        <Field
          label="To"
          value={draft}
          placeholder="@handle"
          autoComplete="off"
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="button button--secondary">
          Find
        </button>
      </form>
      {handle && person.isPending && <Loading label="Looking them up…" />}
      {handle && person.isError && <ErrorMessage error={person.error} />}
      {handle && person.isSuccess && (
        <section aria-label={`New message to ${person.data.display_name}`}>
          <p className="person">
            <Avatar
              src={person.data.avatar_url}
              name={person.data.display_name}
            />
            <span className="person__names">
              <span className="person__name">{person.data.display_name}</span>
              <span className="person__handle">@{person.data.handle}</span>
            </span>
          </p>
          <MessageForm
            handle={person.data.handle}
            label={`Message ${person.data.display_name}`}
            autoFocus
            onSent={(result) =>
              navigate(`/messages/${result.message_group_uuid}`, {
                replace: true,
              })
            }
          />
        </section>
      )}
    </>
  );
}
