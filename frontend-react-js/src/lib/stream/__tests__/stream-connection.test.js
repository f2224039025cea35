import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { FakeEventSource } from '@/testing/fake-event-source';
import { SILENCE_MS, backoffDelay, openStream } from '../stream-connection';

let tickets;
let stream;

function start({ getTicket, random = () => 0.5 } = {}) {
  tickets = 0;
  const calls = {
    events: [],
    catchUps: 0,
    open: [],
  };
  stream = openStream({
    getTicket:
      getTicket ??
      (async () => {
        tickets += 1;
        return { ticket: `t${tickets}`, expires_in: 30 };
      }),
    onEvent: (type, data) => calls.events.push([type, data]),
    onCatchUp: () => {
      calls.catchUps += 1;
    },
    onOpenChange: (open) => calls.open.push(open),
    EventSourceImpl: FakeEventSource,
    random,
  });
  return calls;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.instances = [];
});

afterEach(() => {
  stream?.close();
  vi.useRealTimers();
});

describe('the live stream connection', () => {
  it('gets a ticket, then connects with it, and passes on each event', async () => {
    const calls = start();
    await vi.advanceTimersByTimeAsync(0);

    const source = FakeEventSource.latest();
    expect(source.url).toBe('/api/stream?ticket=t1');
    source.open();
    source.emit('message', { message_group_uuid: 'g1' }, 4);
    source.emit('timeline', { uuid: 'c1', handle: 'bayko' }, 5);
    source.emit('whatever', { ignored: true }, 6);

    expect(calls.open).toEqual([true]);
    expect(calls.events).toEqual([
      ['message', { message_group_uuid: 'g1' }],
      ['timeline', { uuid: 'c1', handle: 'bayko' }],
    ]);
    expect(calls.catchUps).toBe(0);
  });

  it('reconnects after a jittered, doubling wait with a new ticket and the last event id', async () => {
    const calls = start({ random: () => 0.5 });
    await vi.advanceTimersByTimeAsync(0);
    const first = FakeEventSource.latest();
    first.open();
    first.emit('notification', { unread_count: 1 }, 7);

    first.fail();
    expect(first.closed).toBe(true);
    expect(calls.open).toEqual([true, false]);
    // Half of the first ceiling (1 s).
    await vi.advanceTimersByTimeAsync(499);
    expect(FakeEventSource.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const second = FakeEventSource.latest();
    expect(second.params.get('ticket')).toBe('t2');
    expect(second.params.get('last_event_id')).toBe('7');

    // It fails before opening: half of 2 s this time.
    second.fail();
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeEventSource.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    const third = FakeEventSource.latest();
    expect(third.params.get('ticket')).toBe('t3');
    third.open();
    expect(calls.catchUps).toBe(0);
  });

  it('waits a random time up to a ceiling doubling from 1 s to 30 s', () => {
    expect(
      [0, 1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, () => 0.999)),
    ).toEqual([999, 1998, 3996, 7992, 15984, 29970, 29970]);
    expect(backoffDelay(3, () => 0)).toBe(0);
  });

  it('resumes from the id of the ready event when no other came', async () => {
    const calls = start({ random: () => 0 });
    await vi.advanceTimersByTimeAsync(0);
    FakeEventSource.latest().open();
    FakeEventSource.latest().emit('ready', {}, 72);
    FakeEventSource.latest().fail();
    await vi.advanceTimersByTimeAsync(0);
    FakeEventSource.latest().open();
    expect(FakeEventSource.latest().params.get('last_event_id')).toBe('72');
    expect(calls.catchUps).toBe(0);
    expect(calls.events).toEqual([]);
  });

  it('catches up after a reconnect with no event id to resume from, and on reset', async () => {
    const calls = start({ random: () => 0 });
    await vi.advanceTimersByTimeAsync(0);
    FakeEventSource.latest().open();
    FakeEventSource.latest().fail();
    await vi.advanceTimersByTimeAsync(0);
    const again = FakeEventSource.latest();
    expect(again.params.has('last_event_id')).toBe(false);
    again.open();
    expect(calls.catchUps).toBe(1);

    again.emit('reset', { reason: 'replay_unavailable' });
    expect(calls.catchUps).toBe(2);
    expect(calls.events).toEqual([]);
  });

  it('asks again for a ticket the API could not give, but not one it refused', async () => {
    let answers = [new ApiError(503, ['api_unreachable']), { ticket: 'ok' }];
    start({
      random: () => 0,
      getTicket: async () => {
        const answer = answers.shift();
        if (answer instanceof Error) throw answer;
        return answer;
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeEventSource.latest().params.get('ticket')).toBe('ok');

    stream.close();
    answers = [new ApiError(401, ['token_expired'])];
    start({
      random: () => 0,
      getTicket: async () => {
        tickets += 1;
        throw answers[0];
      },
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tickets).toBe(1);
  });

  it('stops for good when closed, retry included', async () => {
    start();
    await vi.advanceTimersByTimeAsync(0);
    FakeEventSource.latest().fail();
    stream.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(tickets).toBe(1);
  });

  it('lets go while paused and resumes after the last event id, once', async () => {
    const calls = start();
    await vi.advanceTimersByTimeAsync(0);
    const first = FakeEventSource.latest();
    first.open();
    first.emit('delete', { uuid: 'c1' }, 12);

    stream.pause();
    expect(first.closed).toBe(true);
    expect(calls.open).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);

    stream.resume();
    stream.pause();
    stream.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.latest().params.get('last_event_id')).toBe('12');
  });

  it('takes a connection silent for three heartbeats for dead, and connects again from its last id', async () => {
    const calls = start({ random: () => 0.5 });
    await vi.advanceTimersByTimeAsync(0);
    const first = FakeEventSource.latest();
    first.open();
    first.emit('timeline', { uuid: 'c1', handle: 'bayko' }, 20);
    await vi.advanceTimersByTimeAsync(SILENCE_MS - 1);
    first.emit('heartbeat', {});
    await vi.advanceTimersByTimeAsync(SILENCE_MS - 1);
    expect(first.closed).toBe(false);
    expect(FakeEventSource.instances).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1);
    expect(first.closed).toBe(true);
    expect(calls.open).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.latest().params.get('last_event_id')).toBe('20');
  });
});
