// @vitest-environment node
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import config from './vite.config.js';

const proxyOf = () => config({ mode: 'test', command: 'serve' }).server.proxy;

function routeOf(proxy, url) {
  return Object.keys(proxy).find((context) =>
    context.startsWith('^')
      ? new RegExp(context).test(url)
      : url.startsWith(context),
  );
}

describe('the dev server proxy', () => {
  it('sends the stream to STREAM_PROXY_TARGET, before /api goes to the API', () => {
    vi.stubEnv('STREAM_PROXY_TARGET', 'http://127.0.0.1:9568');
    vi.stubEnv('API_PROXY_TARGET', 'http://127.0.0.1:9567');
    const proxy = proxyOf();
    const targets = Object.fromEntries(
      [
        '/api/stream?ticket=t&last_event_id=7',
        '/api/stream',
        '/api/stream/health',
        '/api/stream/ticket',
        '/api/streams',
        '/api/activities/home',
        '/avatars/a.png',
      ].map((url) => [url, proxy[routeOf(proxy, url)].target]),
    );
    expect(targets).toEqual({
      '/api/stream?ticket=t&last_event_id=7': 'http://127.0.0.1:9568',
      '/api/stream': 'http://127.0.0.1:9568',
      '/api/stream/health': 'http://127.0.0.1:9568',
      '/api/stream/ticket': 'http://127.0.0.1:9567',
      '/api/streams': 'http://127.0.0.1:9567',
      '/api/activities/home': 'http://127.0.0.1:9567',
      '/avatars/a.png': 'http://127.0.0.1:9567',
    });
  });

  it('defaults the stream to port 4568 and refuses a target that is not a URL', () => {
    vi.stubEnv('STREAM_PROXY_TARGET', '');
    expect(proxyOf()[routeOf(proxyOf(), '/api/stream')].target).toBe(
      'http://localhost:4568',
    );
    vi.stubEnv('STREAM_PROXY_TARGET', 'localhost:4568');
    expect(proxyOf).toThrow(/STREAM_PROXY_TARGET must be an http\(s\) URL/);
  });
});

describe('events through the dev server', () => {
  let upstream;
  let server;

  afterEach(async () => {
    await server?.close();
    upstream?.closeAllConnections();
    upstream?.close();
  });

  /** Reads /api/stream through the dev server, from an upstream of `serve`. */
  async function streamThroughProxy(serve) {
    upstream = createHttpServer((request, response) => {
      response.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache',
      });
      response.write('id: 1\nevent: message\ndata: {"n": 1}\n\n');
      serve(response);
    });
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    vi.stubEnv(
      'STREAM_PROXY_TARGET',
      `http://127.0.0.1:${upstream.address().port}`,
    );
    server = await createServer({
      configFile: fileURLToPath(new URL('./vite.config.js', import.meta.url)),
      server: { port: 0, host: '127.0.0.1', ws: false },
      logLevel: 'silent',
    });
    await server.listen();
    const { port } = server.httpServer.address();
    const response = await fetch(
      `http://127.0.0.1:${port}/api/stream?ticket=t`,
    );
    return response.body.pipeThrough(new TextDecoderStream()).getReader();
  }

  it('arrive one by one, as they are sent, not when the stream ends', async () => {
    let sendSecond;
    const reader = await streamThroughProxy((response) => {
      sendSecond = () => response.write('id: 2\nevent: message\ndata: {}\n\n');
    });
    const first = await reader.read();
    expect(first.value).toContain('data: {"n": 1}');
    sendSecond();
    const second = await reader.read();
    expect(second.value).toContain('id: 2');
    await reader.cancel();
  });

  it('stop when the stream process drops the connection', async () => {
    let drop;
    const reader = await streamThroughProxy((response) => {
      drop = () => response.socket.destroy();
    });
    await reader.read();
    drop();
    const end = await reader.read().catch(() => ({ done: true }));
    expect(end.done).toBe(true);
  }, 3000);
});
