import { useState } from 'react';
import { Navigate, useParams } from 'react-router';
import { Dialog } from '@/components/dialog';
import { ErrorMessage, Loading } from '@/components/states';
import { signInPath, useAuth } from '@/lib/auth/auth-context';
import { emit } from '@/lib/events';
import { useUserActivities } from '@/features/cruds/api/get-user-activities';
import { UserCruds } from '@/features/cruds/components/user-cruds';
import { EditProfileForm } from '@/features/profile/components/edit-profile-form';
import { ProfileHeader } from '@/features/profile/components/profile-header';
import { NotFoundPage } from './not-found';

function Profile({ handle }) {
  const { user, setUser, refreshUser } = useAuth();
  const list = useUserActivities(handle, user?.uuid);
  const [editing, setEditing] = useState(false);
  const profile = list.extra?.profile;
  const isOwn = Boolean(user && profile && user.uuid === profile.uuid);

  if (list.status === 'loading')
    return <Loading label="Loading the profile…" />;
  if (list.status === 'error') {
    if (list.error?.status === 404) return <NotFoundPage />;
    return <ErrorMessage error={list.error} onRetry={list.reload} />;
  }

  function saved(updated) {
    setEditing(false);
    list.updateExtra((extra) => ({
      ...extra,
      profile: { ...extra.profile, ...updated },
    }));
    setUser(updated);
    emit('profile-updated', updated);
    refreshUser().catch(() => {});
  }

  return (
    <>
      <title>{`${profile.display_name} (@${profile.handle}) · Cruddur`}</title>
      <ProfileHeader
        profile={profile}
        isOwn={isOwn}
        onEdit={() => setEditing(true)}
      />
      <UserCruds list={list} handle={profile.handle} isOwn={isOwn} />
      {isOwn && (
        <Dialog
          open={editing}
          onClose={() => setEditing(false)}
          title="Edit profile"
        >
          <EditProfileForm
            profile={profile}
            onSaved={saved}
            onCancel={() => setEditing(false)}
          />
        </Dialog>
      )}
    </>
  );
}

export function ProfileRoute() {
  const { atHandle } = useParams();
  if (!atHandle.startsWith('@') || atHandle.length < 2) return <NotFoundPage />;
  const handle = atHandle.slice(1);
  return <Profile key={handle} handle={handle} />;
}

/** /profile: your own profile, or sign in first. */
export function MyProfileRoute() {
  const { status, user } = useAuth();
  if (status === 'signed-in' && user)
    return <Navigate to={`/@${user.handle}`} replace />;
  return <Navigate to={signInPath('/profile')} replace />;
}
