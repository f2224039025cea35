/**
 * New messages in the query cache: the sender's own, from the API's answer,
 * and anyone's, from the live stream. Both go through `showMessage`, which
 * merges by uuid, so a message seen both ways shows once.
 */
import { MESSAGE_GROUPS_KEY } from '@/lib/query-keys';
import { MESSAGES_KEY, mergeMessages } from './get-messages';

/**
 * Adds `message` at the end of its conversation, where that is cached. A
 * refetch on its way was read before the message was written: it is
 * cancelled, so its answer cannot take the message out again.
 */
export async function showMessage(queryClient, groupUuid, message) {
  const queryKey = [...MESSAGES_KEY, { groupUuid }];
  await queryClient.cancelQueries({
    queryKey,
    predicate: (query) =>
      query.state.data !== undefined && !query.state.fetchMeta?.fetchMore,
  });
  queryClient.setQueriesData({ queryKey }, (data) => {
    if (!data?.pages?.length) return data;
    const [newest, ...older] = data.pages;
    const items = mergeMessages(newest.items, [message]);
    return { ...data, pages: [{ ...newest, items }, ...older] };
  });
}

/** A `message` event: the conversation and the list of conversations. */
export async function showStreamedMessage(queryClient, data) {
  if (!data?.message_group_uuid || !data.message?.uuid) return;
  await showMessage(queryClient, data.message_group_uuid, data.message);
  queryClient.invalidateQueries({ queryKey: MESSAGE_GROUPS_KEY });
}
