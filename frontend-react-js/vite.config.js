// Vite and Vitest configuration for the Cruddur SPA.
//
// The dev and preview servers proxy the API's paths so the browser talks to one
// origin: no CORS in development, and the API's cookies stay first-party.
// Server settings come from the environment (or a .env file beside this one):
//   SPA_PORT          port to listen on (default 3000; fails if taken)
//   SPA_HOST          interface to bind (default 127.0.0.1; 0.0.0.0 in a container)
//   API_PROXY_TARGET  where /api, /.well-known and /avatars go (default http://localhost:4567)
//   STREAM_PROXY_TARGET
//                     where the live stream goes (default http://localhost:4568):
//                     /api/stream and /api/stream/health, not the ticket
//                     (POST /api/stream/ticket is the API's)
import { fileURLToPath, URL } from 'node:url';
import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';

const DEFAULT_PORT = 3000;
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_API_PROXY_TARGET = 'http://localhost:4567';
const DEFAULT_STREAM_PROXY_TARGET = 'http://localhost:4568';
const PROXIED_PATHS = ['/api', '/.well-known', '/avatars'];
// Matched before /api (the first matching entry wins).
const STREAM_PATH = '^/api/stream(/health)?(\\?|$)';

// The proxy pipes an answer through but does not pass on its end when the
// upstream connection drops mid-answer: a stream whose process stopped
// would stay open in the browser, silent, and the page would not poll.
function endWithUpstream(proxy) {
  proxy.on('proxyRes', (proxyRes, _req, res) => {
    proxyRes.on('close', () => {
      if (!proxyRes.complete) res.destroy();
    });
  });
}

function parsePort(value) {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(
      `SPA_PORT must be a port number between 1 and 65535, got "${value}".`,
    );
  }
  return port;
}

function parseProxyTarget(name, value, fallback) {
  if (value === undefined || value === '') return fallback;
  let url;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new Error(
      `${name} must be an http(s) URL such as ${fallback}, got "${value}".`,
    );
  }
  return value;
}

function serverOptions(env) {
  const target = parseProxyTarget(
    'API_PROXY_TARGET',
    env.API_PROXY_TARGET,
    DEFAULT_API_PROXY_TARGET,
  );
  const streamTarget = parseProxyTarget(
    'STREAM_PROXY_TARGET',
    env.STREAM_PROXY_TARGET,
    DEFAULT_STREAM_PROXY_TARGET,
  );
  return {
    port: parsePort(env.SPA_PORT),
    strictPort: true,
    host: env.SPA_HOST || DEFAULT_HOST,
    proxy: Object.fromEntries([
      [STREAM_PATH, { target: streamTarget, configure: endWithUpstream }],
      ...PROXIED_PATHS.map((path) => [path, { target }]),
    ]),
  };
}

export default defineConfig(({ mode }) => {
  // An empty prefix loads every variable, not only VITE_*; only the server
  // options below read the non-VITE_ ones, so none of them reach the bundle.
  const env = loadEnv(mode, process.cwd(), '');
  const server = serverOptions(env);

  return {
    plugins: [react()],
    resolve: {
      alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    },
    server,
    preview: server,
    // The manifest lets scripts/report-bundle-size.mjs tell the chunks a first
    // page load needs from the ones loaded on demand.
    build: { manifest: true },
    test: {
      environment: 'jsdom',
      setupFiles: ['./src/testing/setup-tests.js'],
      include: ['src/**/*.test.{js,jsx}', 'vite.config.test.js'],
      restoreMocks: true,
      unstubGlobals: true,
      unstubEnvs: true,
      // The breakpoints are read by JavaScript too (useMediaQuery): tests get
      // their real values. Other styles are not processed in tests.
      css: { include: [/breakpoints\.module\.css$/] },
    },
  };
});
