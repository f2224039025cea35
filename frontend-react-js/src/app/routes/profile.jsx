import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useParams } from 'react-router';
import { Dialog } from '@/components/dialog';
import { ErrorMessage, Loading } from '@/components/states';
import { signInPath, useAuth } from '@/lib/auth/auth-context';
import { showProfileInCache } from '@/features/cruds/api/cruds-cache';
import { useInfiniteUserActivities } from '@/features/cruds/api/get-user-activities';
import { UserCruds } from '@/features/cruds/components/user-cruds';
import { FollowButton } from '@/features/follows/components/follow-button';
import { EditProfileForm } from '@/features/profile/components/edit-profile-form';
import { ProfileHeader } from '@/features/profile/components/profile-header';
import { PersonMenu } from '@/features/safety/components/person-menu';
import { SafetyNotice } from '@/features/safety/components/safety-notice';
import { NotFoundPage } from './not-found';

function Profile({ handle }) {
  const { status, user, setUser, refreshUser } = useAuth();
  const queryClient = useQueryClient();
  const query = useInfiniteUserActivities({
    handle,
    viewer: user?.uuid ?? null,
  });
  const [editing, setEditing] = useState(false);
  const profile = query.data?.pages[0].profile;
  const isOwn = Boolean(user && profile && user.uuid === profile.uuid);

  if (query.isPending) return <Loading label="Loading the profile…" />;
  if (query.isLoadingError) {
    if (query.error?.status === 404) return <NotFoundPage />;
    return <ErrorMessage error={query.error} onRetry={() => query.refetch()} />;
  }

  function saved(updated) {
    setEditing(false);
    showProfileInCache(queryClient, updated);
    setUser(updated);
    refreshUser().catch(() => {});
  }

  return (
    <>
      <title>{`${profile.display_name} (@${profile.handle}) · Cruddur`}</title>
      <ProfileHeader
        profile={profile}
        isOwn={isOwn}
        onEdit={() => setEditing(true)}
        followButton={
          profile.blocking ? null : <FollowButton person={profile} />
        }
        menu={
          status === 'signed-in' && !isOwn ? (
            <PersonMenu person={profile} bordered />
          ) : null
        }
      />
      <SafetyNotice profile={profile} />
      {!profile.blocking && (
        <UserCruds query={query} handle={profile.handle} isOwn={isOwn} />
      )}
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
