import fs from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';

// Imports flow one way, as in bulletproof-react: app → features → shared
// (components, config, lib, ...). A feature never imports another feature.
const features = fs
  .readdirSync(new URL('./src/features', import.meta.url), {
    withFileTypes: true,
  })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const SHARED_DIRS = [
  'components',
  'config',
  'hooks',
  'lib',
  'testing',
  'utils',
];

function restrictImports(regex, message) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex, message },
          {
            regex: '^\\.\\./\\.\\./',
            message:
              'Import code outside this folder through "@/", not "../../".',
          },
        ],
      },
    ],
  };
}

export default [
  { ignores: ['dist/', 'coverage/'] },
  js.configs.recommended,
  reactHooks.configs.flat.recommended,
  reactRefresh.configs.vite,
  {
    files: ['**/*.{js,jsx}'],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: globals.browser,
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
  },
  {
    files: ['*.config.js', 'scripts/**', 'e2e/**'],
    languageOptions: { globals: globals.node },
  },
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**`],
    rules: restrictImports(
      `^@/(app|features/(?!${feature}(/|$)))`,
      'A feature imports only itself and shared code, never app/ or another feature.',
    ),
  })),
  {
    files: SHARED_DIRS.map((dir) => `src/${dir}/**`),
    rules: restrictImports(
      '^@/(app|features)(/|$)',
      'Shared code must not import app/ or features/.',
    ),
  },
];
