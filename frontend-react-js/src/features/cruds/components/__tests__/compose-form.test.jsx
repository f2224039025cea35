import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeActivity, mockApi, reply } from '@/testing/mock-api';
import { renderWithQueryClient } from '@/testing/render-with-query-client';
import { getInfiniteHomeActivitiesQueryOptions } from '@/features/cruds/api/get-home-activities';
import { getInfiniteUserActivitiesQueryOptions } from '@/features/cruds/api/get-user-activities';
import { ComposeForm } from '../compose-form';

function setup() {
  const user = userEvent.setup();
  const onCreated = vi.fn();
  const { queryClient } = renderWithQueryClient(
    <ComposeForm onCreated={onCreated} />,
  );
  const form = screen.getByRole('form', { name: 'Write a crud' });
  return {
    user,
    onCreated,
    queryClient,
    box: within(form).getByLabelText('What is happening?'),
    submit: within(form).getByRole('button', { name: 'Crud' }),
    ttl: within(form).getByLabelText('Expires after'),
  };
}

describe('ComposeForm', () => {
  it('offers the seven durations', () => {
    const { ttl } = setup();
    expect(
      within(ttl)
        .getAllByRole('option')
        .map((o) => o.value),
    ).toEqual([
      '1-hour',
      '3-hours',
      '12-hours',
      '1-day',
      '3-days',
      '7-days',
      '30-days',
    ]);
  });

  it('counts as you type and only allows 1 to 280 characters that are not all blank', async () => {
    mockApi({});
    const { user, box, submit } = setup();
    expect(screen.getByText('0 / 280')).toBeInTheDocument();
    expect(submit).toBeDisabled();

    await user.type(box, '   ');
    expect(screen.getByText('3 / 280')).toBeInTheDocument();
    expect(submit).toBeDisabled();

    await user.clear(box);
    await user.click(box);
    await user.paste('y'.repeat(280));
    expect(screen.getByText('280 / 280')).toBeInTheDocument();
    expect(submit).toBeEnabled();

    await user.type(box, 'z');
    expect(screen.getByText('1 character too many')).toBeInTheDocument();
    await user.type(box, 'z');
    expect(screen.getByText('2 characters too many')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(submit).toBeDisabled();
  });

  it('posts the message with the chosen duration and puts the crud on top of the cached feed and profile', async () => {
    const created = makeActivity({ message: 'hello', handle: 'ada' });
    const older = makeActivity({ message: 'older', handle: 'ada' });
    const other = makeActivity({ message: 'by bayko', handle: 'bayko' });
    const api = mockApi({ 'POST /api/activities': reply(201, created) });
    const { user, box, submit, ttl, onCreated, queryClient } = setup();
    const cached = (items) => ({
      pages: [{ items, next_cursor: null }],
      pageParams: [undefined],
    });
    const home = getInfiniteHomeActivitiesQueryOptions({ viewer: 'me' });
    const mine = getInfiniteUserActivitiesQueryOptions({
      handle: 'ada',
      viewer: 'me',
    });
    const theirs = getInfiniteUserActivitiesQueryOptions({
      handle: 'bayko',
      viewer: 'me',
    });
    queryClient.setQueryData(home.queryKey, cached([older, other]));
    queryClient.setQueryData(mine.queryKey, cached([older]));
    queryClient.setQueryData(theirs.queryKey, cached([other]));

    await user.type(box, 'hello');
    await user.selectOptions(ttl, '3-days');
    await user.click(submit);

    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(api.calls[0].body).toEqual({ message: 'hello', ttl: '3-days' });
    expect(box).toHaveValue('');
    const messages = (options) =>
      queryClient
        .getQueryData(options.queryKey)
        .pages[0].items.map((item) => item.message);
    expect(messages(home)).toEqual(['hello', 'older', 'by bayko']);
    expect(messages(mine)).toEqual(['hello', 'older']);
    expect(messages(theirs)).toEqual(['by bayko']);
  });

  it('sends one key per submit, the same again when the API did not answer', async () => {
    const created = makeActivity({ message: 'once' });
    let attempts = 0;
    const api = mockApi({
      'POST /api/activities': () => {
        attempts += 1;
        return attempts === 1
          ? reply(503, { errors: ['postgres_unavailable'] })
          : reply(201, created);
      },
    });
    const { user, box, submit, onCreated } = setup();

    await user.type(box, 'once');
    await user.click(submit);
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    await user.type(box, 'twice');
    await user.click(submit);
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledTimes(2));

    const keys = api.calls.map((call) => call.headers['Idempotency-Key']);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(api.calls.map((call) => call.body.message)).toEqual([
      'once',
      'once',
      'twice',
    ]);
  });

  it('keeps the text and explains a refusal', async () => {
    mockApi({
      'POST /api/activities': reply(422, { errors: ['ttl_invalid'] }),
    });
    const { user, box, submit, onCreated } = setup();

    await user.type(box, 'hello');
    await user.click(submit);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Choose one of the listed durations.',
    );
    expect(box).toHaveValue('hello');
    expect(onCreated).not.toHaveBeenCalled();
  });
});
