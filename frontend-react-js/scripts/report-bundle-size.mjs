// Prints the gzipped size of the JavaScript a first page load fetches (the
// entry chunk and everything it imports statically; lazy chunks such as the
// Cognito adapter are listed apart) and fails a local-mode build over budget.
// Run after `vite build`, which writes dist/.vite/manifest.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadEnv } from 'vite';

const BUDGET_BYTES = 150 * 1024;
const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const manifest = JSON.parse(
  readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'),
);
const provider =
  loadEnv(process.env.MODE ?? 'production', root, 'VITE_').VITE_AUTH_PROVIDER ||
  'local';

function gzipSize(file) {
  return gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}

function staticClosure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    staticClosure(manifest[key].imports ?? [], seen);
  }
  return seen;
}

const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
const initial = staticClosure(entries);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let total = 0;
console.log('Initial JavaScript (gzipped):');
for (const key of initial) {
  const size = gzipSize(manifest[key].file);
  total += size;
  console.log(`  ${manifest[key].file.padEnd(40)} ${kb(size)}`);
}
const lazy = Object.keys(manifest).filter(
  (key) => !initial.has(key) && manifest[key].file.endsWith('.js'),
);
if (lazy.length > 0) {
  console.log('Loaded on demand (gzipped):');
  for (const key of lazy) {
    console.log(
      `  ${manifest[key].file.padEnd(40)} ${kb(gzipSize(manifest[key].file))}`,
    );
  }
}
console.log(
  `Initial JavaScript: ${kb(total)} gzipped (budget ${kb(BUDGET_BYTES)} in local mode; this build: ${provider})`,
);
if (provider === 'local' && total > BUDGET_BYTES) {
  console.error(
    `error: the initial JavaScript is ${kb(total - BUDGET_BYTES)} over the budget.`,
  );
  process.exit(1);
}
