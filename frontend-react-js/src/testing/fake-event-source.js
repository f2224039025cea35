/**
 * A stand-in for the browser's EventSource, driven by the test: `open()`,
 * `emit(type, data, id)` and `fail()` are what the server and the network
 * would do. Every one made is in `FakeEventSource.instances`, newest last.
 */
import { vi } from 'vitest';

export class FakeEventSource {
  static instances = [];

  static latest() {
    return FakeEventSource.instances.at(-1);
  }

  constructor(url) {
    this.url = url;
    this.closed = false;
    this.listeners = new Map();
    this.onopen = null;
    this.onerror = null;
    FakeEventSource.instances.push(this);
  }

  addEventListener(type, listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close() {
    this.closed = true;
  }

  /** The URL's query: ticket and last_event_id. */
  get params() {
    return new URL(this.url, 'http://localhost').searchParams;
  }

  open() {
    this.onopen?.({ type: 'open' });
  }

  /** An event; `id` as the `id:` line gives it (none for `reset`). */
  emit(type, data, id = '') {
    const event = { type, data: JSON.stringify(data), lastEventId: String(id) };
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  fail() {
    this.onerror?.({ type: 'error' });
  }
}

export function installFakeEventSource() {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  return FakeEventSource;
}
