// A build with VITE_AVATAR_STORAGE=s3: the avatar goes straight to S3 and
// shows everywhere once the process-images Lambda has made it.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeXhr } from '@/testing/fake-xhr';
import { ME, makeActivity, mockApi, signedIn } from '@/testing/mock-api';
import { renderApp } from './render-app';

vi.mock('@/config/env', () => ({
  env: Object.freeze({
    apiUrl: '',
    authProvider: 'local',
    cognito: null,
    avatarStorage: 's3',
  }),
}));

const UPLOAD_FORM = {
  url: 'https://cruddur-uploads.s3.amazonaws.com/',
  fields: {
    key: `uploads/${ME.uuid}/0123456789abcdef0123456789abcdef`,
    'Content-Type': 'image/png',
    policy: 'cG9saWN5',
    'x-amz-signature': 'c2lnbmF0dXJl',
  },
  key: `uploads/${ME.uuid}/0123456789abcdef0123456789abcdef`,
};
const NEW_AVATAR = 'https://assets.cruddur.com/avatars/new-128.webp';
const MINE = { ...ME, cruds_count: 1, created_at: '2026-01-01T00:00:00Z' };

afterEach(() => {
  window.history.pushState({}, '', '/');
});

function stubObjectUrls() {
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: () => 'blob:preview',
      revokeObjectURL: () => {},
    }),
  );
}

async function chooseAvatarAndSave(user) {
  await user.click(await screen.findByRole('button', { name: 'Edit profile' }));
  const dialog = screen.getByRole('dialog', { name: 'Edit profile' });
  const file = new File(['png'], 'me.png', { type: 'image/png' });
  await user.upload(within(dialog).getByLabelText('Avatar'), file);
  await user.click(within(dialog).getByRole('button', { name: 'Save' }));
  return { dialog, file };
}

describe('an avatar uploaded to S3', () => {
  it('goes to S3 with the presigned form, then shows in the navigation and on the cruds', async () => {
    const crud = makeActivity({
      handle: ME.handle,
      display_name: ME.display_name,
    });
    let processed = false;
    const api = mockApi({
      ...signedIn(),
      'GET /api/profile': () =>
        processed ? { ...MINE, avatar_url: NEW_AVATAR } : MINE,
      'GET /api/activities/@ada': {
        profile: MINE,
        items: [crud],
        next_cursor: null,
      },
      'GET /api/activities/home': { items: [], next_cursor: null },
      'POST /api/profile/avatar/upload': UPLOAD_FORM,
    });
    const s3 = fakeXhr(() => {
      // The Lambda makes the avatar a moment after S3 accepts the upload.
      setTimeout(() => (processed = true), 300);
      return { status: 204 };
    });
    stubObjectUrls();
    const user = userEvent.setup();
    const { container } = renderApp('/@ada');

    const { dialog, file } = await chooseAvatarAndSave(user);

    expect(
      await within(dialog).findByLabelText('Processing the avatar'),
    ).toBeInTheDocument();
    await waitFor(
      () =>
        expect(
          container.querySelector(`nav img[src="${NEW_AVATAR}"]`),
        ).not.toBeNull(),
      { timeout: 4000 },
    );
    const article = screen.getByRole('article', {
      name: `Crud by ${ME.display_name}`,
    });
    expect(article.querySelector(`img[src="${NEW_AVATAR}"]`)).not.toBeNull();
    expect(dialog).not.toBeVisible();

    expect(api.callsTo('POST /api/profile/avatar/upload')[0].body).toEqual({
      content_type: 'image/png',
    });
    expect(s3).toHaveLength(1);
    expect(s3[0].url).toBe(UPLOAD_FORM.url);
    expect(s3[0].headers.Authorization).toBeUndefined();
    expect(s3[0].body.get('file')).toBe(file);
    expect(s3[0].body.get('policy')).toBe('cG9saWN5');
    expect(api.callsTo('PUT /api/profile')).toHaveLength(0);
  });

  it('says in words when S3 refuses the upload, and keeps the dialog open', async () => {
    const api = mockApi({
      ...signedIn(),
      'GET /api/profile': MINE,
      'GET /api/activities/@ada': {
        profile: MINE,
        items: [],
        next_cursor: null,
      },
      'GET /api/activities/home': { items: [], next_cursor: null },
      'POST /api/profile/avatar/upload': UPLOAD_FORM,
    });
    fakeXhr({
      status: 403,
      type: 'application/xml',
      body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Policy expired.</Message></Error>',
    });
    stubObjectUrls();
    const user = userEvent.setup();
    renderApp('/@ada');

    const { dialog } = await chooseAvatarAndSave(user);

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The upload was refused.');
    expect(alert).not.toHaveTextContent(/AccessDenied|Policy/);
    expect(within(dialog).queryByRole('progressbar')).not.toBeInTheDocument();
    expect(dialog).toBeVisible();
    // The session's own read and the upload's baseline: no waiting after it.
    expect(api.callsTo('GET /api/profile')).toHaveLength(2);
  });
});
