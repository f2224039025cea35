import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Menu } from '@/components/menu';
import { useAuth } from '@/lib/auth/auth-context';
import { usePersonMenu } from '@/lib/person-menu';
import { useDeleteActivity } from '../api/delete-activity';
import { crudPath } from '../utils/paths';

function OwnCrudMenu({ activity, className }) {
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const remove = useDeleteActivity({
    onDeleted: (deleted) => {
      setConfirming(false);
      // Its own page has nothing left to show.
      if (pathname === crudPath(deleted)) navigate('/', { replace: true });
    },
  });
  const isReply = Boolean(activity.reply_to_activity_uuid);
  return (
    <>
      <Menu
        className={className}
        label={
          isReply ? 'More actions for your reply' : 'More actions for your crud'
        }
        items={[
          {
            label: 'Delete',
            danger: true,
            onSelect: () => {
              remove.reset();
              setConfirming(true);
            },
          },
        ]}
      />
      <ConfirmDialog
        open={confirming}
        title={isReply ? 'Delete this reply?' : 'Delete this crud?'}
        confirmLabel="Delete"
        pendingLabel="Deleting…"
        danger
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setConfirming(false)}
        onConfirm={() => remove.mutate(activity)}
      >
        <p>
          {isReply
            ? 'It goes for good, with its likes and reposts.'
            : 'It goes for good, with its replies, likes and reposts.'}
        </p>
      </ConfirmDialog>
    </>
  );
}

/**
 * A crud's "…" menu for a signed-in reader: Delete on their own, and what
 * the app offers about other people (block, mute, report) on anyone else's.
 */
export function CrudMenu({ activity, className }) {
  const { status, user } = useAuth();
  const renderPersonMenu = usePersonMenu();
  if (status !== 'signed-in' || !user) return null;
  if (user.handle === activity.handle)
    return <OwnCrudMenu activity={activity} className={className} />;
  if (!renderPersonMenu) return null;
  return renderPersonMenu({
    person: { handle: activity.handle, display_name: activity.display_name },
    activity,
    className,
  });
}
