import { useState } from 'react';
import { Menu } from '@/components/menu';
import { useSetBlocking } from '../api/set-blocking';
import { useSetMuting } from '../api/set-muting';
import { BlockDialog } from './block-dialog';
import { MuteDialog } from './mute-dialog';
import { ReportDialog } from './report-dialog';

/**
 * The "…" menu about someone else: mute, block and report them (or, on a
 * crud, report the crud). `person` is `{ handle, display_name }`, or a
 * profile, whose `blocking` and `muting` turn the first two into undo.
 */
export function PersonMenu({
  person,
  activity = null,
  className,
  bordered = false,
}) {
  const [open, setOpen] = useState(null);
  const block = useSetBlocking();
  const mute = useSetMuting();
  const close = () => setOpen(null);
  const at = `@${person.handle}`;
  const items = [
    person.muting
      ? {
          label: `Unmute ${at}`,
          onSelect: () => mute.mutate({ handle: person.handle, on: false }),
        }
      : { label: `Mute ${at}`, onSelect: () => setOpen('mute') },
    person.blocking
      ? {
          label: `Unblock ${at}`,
          onSelect: () => block.mutate({ handle: person.handle, on: false }),
        }
      : {
          label: `Block ${at}`,
          danger: true,
          onSelect: () => setOpen('block'),
        },
    {
      label: activity ? 'Report crud' : `Report ${at}`,
      danger: true,
      onSelect: () => setOpen('report'),
    },
  ];
  // Dialogs are made when opened: a timeline has many menus.
  const what = activity
    ? `the crud by ${person.display_name}`
    : person.display_name;
  return (
    <>
      <Menu
        className={className}
        bordered={bordered}
        label={`More actions for ${what}`}
        items={items}
      />
      {open === 'mute' && <MuteDialog person={person} open onClose={close} />}
      {open === 'block' && <BlockDialog person={person} open onClose={close} />}
      {open === 'report' && (
        <ReportDialog
          person={person}
          activity={activity}
          open
          onClose={close}
        />
      )}
    </>
  );
}
