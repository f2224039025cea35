import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app';

function jsonResponse(status, body) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function renderAppAt(path) {
  window.history.pushState({}, '', path);
  return render(<App />);
}

let fetchMock;

beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.pushState({}, '', '/');
});

describe('App', () => {
  it('shows the home page with the API status at /', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(200, { status: 'ok', postgres: 'up', dynamodb: 'up' }),
    );

    renderAppAt('/');

    expect(
      screen.getByRole('heading', { level: 1, name: 'Home' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('API ok')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/health-check',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('explains an unavailable database without showing the raw code', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(503, {
        errors: ['postgres_unavailable'],
        postgres: 'down',
        dynamodb: 'up',
      }),
    );

    renderAppAt('/');

    const status = await screen.findByText(/database is down/);
    expect(status).toHaveAttribute('role', 'status');
    expect(screen.queryByText(/postgres_unavailable/)).not.toBeInTheDocument();
    expect(screen.queryByText('API ok')).not.toBeInTheDocument();
  });

  it('says when the API cannot be reached', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));

    renderAppAt('/');

    expect(
      await screen.findByText(/Cannot reach the server/),
    ).toBeInTheDocument();
  });

  it('says when the API behind the proxy does not answer', async () => {
    fetchMock.mockResolvedValue(
      new Response('', {
        status: 502,
        headers: { 'Content-Type': 'text/plain' },
      }),
    );

    renderAppAt('/');

    expect(
      await screen.findByText(/server is not answering/),
    ).toBeInTheDocument();
  });

  it('shows the 404 page at an unknown path, inside the layout', () => {
    renderAppAt('/no/such/page');

    expect(
      screen.getByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeInTheDocument();
    expect(screen.getByText('/no/such/page')).toBeInTheDocument();
    expect(
      screen.getByRole('navigation', { name: 'Main' }),
    ).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('navigates between pages from the main navigation', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { status: 'ok' }));
    const user = userEvent.setup();
    renderAppAt('/');
    const nav = screen.getByRole('navigation', { name: 'Main' });

    expect(within(nav).getByRole('link', { name: 'Home' })).toHaveAttribute(
      'aria-current',
      'page',
    );

    await user.click(within(nav).getByRole('link', { name: 'Messages' }));

    expect(
      screen.getByRole('heading', { level: 1, name: 'Messages' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Messages is coming soon.')).toBeInTheDocument();
    expect(window.location.pathname).toBe('/messages');
    expect(within(nav).getByRole('link', { name: 'Messages' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('has a labelled Crud button', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { status: 'ok' }));
    const user = userEvent.setup();
    renderAppAt('/');

    await user.click(screen.getByRole('button', { name: 'Crud' }));

    expect(
      screen.getByText('Writing cruds is coming soon.'),
    ).toBeInTheDocument();
  });
});
