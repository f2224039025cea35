import { useState } from 'react';
import { ChoiceGroup } from '@/components/choice-group';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { MUTE_DURATIONS, useSetMuting } from '../api/set-muting';

/** Mute someone for a while, or until undone. */
export function MuteDialog({ person, open, onClose }) {
  const [duration, setDuration] = useState('1-day');
  const mute = useSetMuting();
  return (
    <ConfirmDialog
      open={open}
      title={`Mute @${person.handle}?`}
      confirmLabel="Mute"
      pendingLabel="Muting…"
      pending={mute.isPending}
      error={mute.error}
      onClose={() => {
        mute.reset();
        onClose();
      }}
      onConfirm={() =>
        mute.mutate(
          { handle: person.handle, on: true, duration },
          { onSuccess: onClose },
        )
      }
    >
      <p>
        Their cruds, reposts and notifications leave your timelines, search and
        notifications. They are not told, and can still see yours.
      </p>
      <ChoiceGroup
        legend="Mute for"
        choices={MUTE_DURATIONS}
        value={duration}
        onChange={setDuration}
      />
    </ConfirmDialog>
  );
}
