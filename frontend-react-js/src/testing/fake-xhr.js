/**
 * An XMLHttpRequest stand-in for uploads: once sent, it reports half the bytes
 * gone, then loads with `response` — `{ status, body, type }`, or a function
 * of the request giving one. A string body is sent as it is (with `type`),
 * anything else as JSON; `{ networkError: true }` fails as a lost connection
 * does. Returns the list of requests sent:
 * `{ method, url, headers, body }`.
 */
import { vi } from 'vitest';

function answer({ status, body, type }) {
  if (body === undefined) return { status, text: '', type: type ?? '' };
  if (typeof body === 'string') return { status, text: body, type };
  return { status, text: JSON.stringify(body), type: 'application/json' };
}

export function fakeXhr(response) {
  const sent = [];
  class FakeXhr {
    upload = new EventTarget();
    listeners = {};
    headers = {};
    open(method, url) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name, value) {
      this.headers[name] = value;
    }
    addEventListener(type, listener) {
      this.listeners[type] = listener;
    }
    getResponseHeader(name) {
      return name.toLowerCase() === 'content-type' ? this.type || null : null;
    }
    abort() {
      this.listeners.abort?.();
    }
    send(body) {
      const request = {
        method: this.method,
        url: this.url,
        headers: this.headers,
        body,
      };
      sent.push(request);
      setTimeout(() => {
        const progress = new Event('progress');
        Object.assign(progress, {
          lengthComputable: true,
          loaded: 50,
          total: 100,
        });
        this.upload.dispatchEvent(progress);
        const result =
          typeof response === 'function' ? response(request) : response;
        if (result.networkError) {
          this.listeners.error();
          return;
        }
        const { status, text, type } = answer(result);
        Object.assign(this, { status, responseText: text, type });
        this.listeners.load();
      }, 0);
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return sent;
}
