import { ConfirmDialog } from '@/components/confirm-dialog';
import { useSetBlocking } from '../api/set-blocking';

/** Asks before blocking someone, and says what a block does. */
export function BlockDialog({ person, open, onClose }) {
  const block = useSetBlocking();
  return (
    <ConfirmDialog
      open={open}
      title={`Block @${person.handle}?`}
      confirmLabel="Block"
      pendingLabel="Blocking…"
      danger
      pending={block.isPending}
      error={block.error}
      onClose={() => {
        block.reset();
        onClose();
      }}
      onConfirm={() =>
        block.mutate(
          { handle: person.handle, on: true },
          { onSuccess: onClose },
        )
      }
    >
      <p>
        You will not see each other’s cruds, replies or profiles, and cannot
        follow, reply to or message each other. You stop following each other.
      </p>
    </ConfirmDialog>
  );
}
