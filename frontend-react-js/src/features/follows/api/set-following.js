/**
 * POST / DELETE /api/users/@<handle>/follow → { following, followers_count }.
 *
 * A click shows at once. Clicks on one person are sent one after another (a
 * mutation scope per handle), and only the answer to the last one is shown,
 * so quick clicks end in the state of the last click, on the screen and in
 * the API. Once the last answer is in, the home timeline is read again (it
 * now has, or no longer has, their cruds) and the people lists are stale.
 */
import {
  useMutation,
  useMutationState,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { useAuth } from '@/lib/auth/auth-context';
import { HOME_KEY, userCrudsKey } from '@/lib/query-keys';
import {
  PEOPLE_KEY,
  cancelPeopleRefetches,
  showFollowed,
} from './people-cache';

export function setFollowing(handle, following) {
  const path = `/api/users/@${encodeURIComponent(handle)}/follow`;
  return following ? api.post(path) : api.delete(path);
}

export const followMutationKey = (handle) => ['follow', handle];

/** The follow writes for `handle` not answered yet, oldest first. */
function pendingFollows(queryClient, handle) {
  return queryClient
    .getMutationCache()
    .findAll({ mutationKey: followMutationKey(handle), status: 'pending' })
    .sort((a, b) => a.mutationId - b.mutationId);
}

/** What the last click on `handle` asked for, while it is unanswered. */
export function latestFollowIntent(queryClient, handle) {
  return pendingFollows(queryClient, handle).at(-1)?.state.variables.on;
}

function isLatest(queryClient, handle, variables) {
  return (
    pendingFollows(queryClient, handle).at(-1)?.state.variables === variables
  );
}

/**
 * Mutation options for following (`on: true`) or unfollowing `handle` as
 * `me` (the signed-in person's handle). `onLastSettled` runs once the last
 * of a run of clicks is answered.
 */
export function followMutationOptions(
  queryClient,
  { handle, me, onLastSettled },
) {
  const show = (followed, followersCount) =>
    showFollowed(queryClient, { handle, me, followed, followersCount });
  return {
    mutationKey: followMutationKey(handle),
    scope: { id: `follow:${handle}` },
    mutationFn: ({ on }) => setFollowing(handle, on),
    onMutate: async () => {
      await cancelPeopleRefetches(queryClient);
      // Whatever order the clicks' updates land in, the last click shows.
      const intent = latestFollowIntent(queryClient, handle);
      if (intent !== undefined) show(intent);
    },
    onSuccess: (answer, variables) => {
      if (isLatest(queryClient, handle, variables)) {
        show(answer.following, answer.followers_count);
      }
    },
    onError: (_error, variables) => {
      if (!isLatest(queryClient, handle, variables)) return;
      show(!variables.on);
      // What the earlier clicks left is read again from the API.
      queryClient.invalidateQueries({ queryKey: PEOPLE_KEY });
      queryClient.invalidateQueries({ queryKey: userCrudsKey(handle) });
    },
    onSettled: (_answer, _error, variables) => {
      if (!isLatest(queryClient, handle, variables)) return;
      queryClient.invalidateQueries({ queryKey: HOME_KEY });
      queryClient.invalidateQueries({
        queryKey: PEOPLE_KEY,
        refetchType: 'none',
      });
      onLastSettled?.();
    },
  };
}

/**
 * `toggle()` follows `handle`, or stops following; `following` is what to
 * show: the last click while it is on its way, else the cached flag given;
 * `error` is the last click's refusal, if it was refused.
 */
export function useFollow(handle, followedByMe) {
  const queryClient = useQueryClient();
  const { user, refreshUser } = useAuth();
  const mutation = useMutation(
    followMutationOptions(queryClient, {
      handle,
      me: user?.handle,
      onLastSettled: () => refreshUser().catch(() => {}),
    }),
  );
  const intents = useMutationState({
    filters: { mutationKey: followMutationKey(handle), status: 'pending' },
    select: (m) => m.state.variables.on,
  });
  const following = intents.length > 0 ? intents.at(-1) : Boolean(followedByMe);
  const toggle = () => {
    // Read from the mutation cache, not the last render, so a second click
    // that comes before the screen caught up still undoes the first.
    const current = latestFollowIntent(queryClient, handle) ?? following;
    mutation.mutate({ on: !current });
  };
  return { following, toggle, error: mutation.error };
}
