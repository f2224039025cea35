import { render } from '@testing-library/react';
import { App } from '@/app/app';

/** Renders the whole app at `path`, as a browser landing there would. */
export function renderApp(path = '/') {
  window.history.pushState({}, '', path);
  return render(<App />);
}
