import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { installMatchMedia, resetViewport } from './match-media';

// jsdom has <dialog> but not its modal methods.
if (
  typeof HTMLDialogElement !== 'undefined' &&
  !HTMLDialogElement.prototype.showModal
) {
  HTMLDialogElement.prototype.showModal = function showModal() {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close() {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}

// Some suites run in plain Node, without a window.
if (typeof window !== 'undefined') installMatchMedia();

afterEach(() => {
  cleanup();
  resetViewport();
  globalThis.localStorage?.clear();
});
