import { useEffect, useId, useState } from 'react';
import { Avatar } from '@/components/avatar';
import { buttonClass } from '@/components/button';
import { Field } from '@/components/field';
import field from '@/components/field.module.css';
import { FormErrors } from '@/components/states';
import { ApiError } from '@/lib/api-client';
import { errorSentence } from '@/lib/error-messages';
import { countChars } from '@/utils/compose-rules';
import { cx } from '@/utils/cx';
import {
  MAX_BIO_CHARS,
  MAX_DISPLAY_NAME_CHARS,
  updateProfile,
} from '../api/update-profile';
import {
  AVATAR_TYPES,
  avatarProblem,
  uploadAvatar,
} from '../api/upload-avatar';
import styles from './edit-profile-form.module.css';

/** The chosen file with an object URL to preview it, released when replaced. */
function useChosenFile() {
  const [chosen, setChosen] = useState(null);
  useEffect(
    () => () => {
      if (chosen) URL.revokeObjectURL(chosen.url);
    },
    [chosen],
  );
  const choose = (file) =>
    setChosen(file ? { file, url: URL.createObjectURL(file) } : null);
  return [chosen, choose];
}

/** How far the avatar upload is; no value (indeterminate) while processing. */
function UploadProgress({ id, progress }) {
  const processing = progress === 'processing';
  return (
    <div className={styles.progress}>
      <label htmlFor={`${id}-progress`}>
        {processing ? 'Processing the avatar' : 'Uploading the avatar'}
      </label>
      <progress
        id={`${id}-progress`}
        max={1}
        value={processing ? undefined : progress}
      >
        {processing ? null : `${Math.round(progress * 100)}%`}
      </progress>
    </div>
  );
}

/**
 * Name, bio and avatar. The avatar is uploaded first (with a progress bar),
 * then the name and bio are saved; `onSaved(profile)` gets the final profile.
 */
export function EditProfileForm({ profile, onSaved, onCancel }) {
  const id = useId();
  const [displayName, setDisplayName] = useState(profile.display_name);
  const [bio, setBio] = useState(profile.bio ?? '');
  const [chosen, choose] = useChosenFile();
  const file = chosen?.file ?? null;
  const [fileError, setFileError] = useState(null);
  // null, or the fraction of the avatar's bytes sent, or 'processing' while
  // S3 mode waits for the new avatar to be made.
  const [progress, setProgress] = useState(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState(null);
  const preview = chosen?.url ?? null;

  const nameBlank = displayName.trim() === '';
  const nameTooLong = countChars(displayName) > MAX_DISPLAY_NAME_CHARS;
  const bioTooLong = countChars(bio) > MAX_BIO_CHARS;
  const invalid = nameBlank || nameTooLong || bioTooLong || Boolean(fileError);

  function chooseFile(event) {
    const picked = event.target.files?.[0] ?? null;
    const problem = picked ? avatarProblem(picked) : null;
    setFileError(problem ? errorSentence(problem) : null);
    choose(problem ? null : picked);
  }

  async function submit(event) {
    event.preventDefault();
    if (invalid || saving) return;
    setSaving(true);
    setError(null);
    try {
      let saved = profile;
      if (file) {
        setProgress(0);
        saved = await uploadAvatar(file, {
          onProgress: setProgress,
          onProcessing: () => setProgress('processing'),
        });
        setProgress(1);
      }
      if (displayName !== profile.display_name || bio !== (profile.bio ?? '')) {
        saved = await updateProfile({ displayName: displayName.trim(), bio });
      }
      onSaved(saved);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError(0, []));
      setProgress(null);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <div className={styles.avatarRow}>
        <Avatar
          src={preview ?? profile.avatar_url_large ?? profile.avatar_url}
          name={displayName || profile.display_name}
          size="large"
        />
        <div className={cx(field.field, styles.avatarField)}>
          <label htmlFor={`${id}-avatar`}>Avatar</label>
          <input
            id={`${id}-avatar`}
            type="file"
            accept={AVATAR_TYPES.join(',')}
            onChange={chooseFile}
            aria-describedby={`${id}-avatar-hint`}
          />
          <p id={`${id}-avatar-hint`} className={field.hint}>
            JPEG, PNG, WebP or GIF, up to 5 MB.
          </p>
          {fileError && <p className={field.error}>{fileError}</p>}
        </div>
      </div>
      {progress !== null && <UploadProgress id={id} progress={progress} />}
      <Field
        label="Display name"
        value={displayName}
        maxLength={MAX_DISPLAY_NAME_CHARS + 10}
        onChange={(event) => setDisplayName(event.target.value)}
        error={
          nameBlank
            ? errorSentence('display_name_blank')
            : nameTooLong
              ? errorSentence('display_name_exceed_max_chars')
              : null
        }
        required
      />
      <Field
        label="Bio"
        multiline
        rows={3}
        value={bio}
        onChange={(event) => setBio(event.target.value)}
        hint={`${countChars(bio)} / ${MAX_BIO_CHARS}`}
        error={bioTooLong ? errorSentence('bio_exceed_max_chars') : null}
      />
      <FormErrors error={error} />
      <div className={styles.actions}>
        <button
          type="button"
          className={buttonClass('ghost')}
          onClick={onCancel}
        >
          Cancel
        </button>
        <button
          type="submit"
          className={buttonClass('primary')}
          disabled={invalid || saving}
        >
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
