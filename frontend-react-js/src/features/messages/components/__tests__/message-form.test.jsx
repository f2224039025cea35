import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithQueryClient } from '@/testing/render-with-query-client';
import { MessageForm } from '../message-form';

describe('MessageForm', () => {
  it('counts against the message limit, with the crud forms’ counter', async () => {
    const user = userEvent.setup();
    renderWithQueryClient(
      <MessageForm groupUuid="g" label="Message Bo" onSent={vi.fn()} />,
    );
    const form = screen.getByRole('form', { name: 'Send a message' });
    const box = within(form).getByLabelText('Message Bo');
    const send = within(form).getByRole('button', { name: 'Send' });
    expect(within(form).getByText('0 / 1024')).toBeInTheDocument();

    await user.click(box);
    await user.paste('y'.repeat(1024));
    expect(within(form).getByText('1024 / 1024')).toBeInTheDocument();
    expect(send).toBeEnabled();

    await user.paste('y');
    expect(within(form).getByText('1 character too many')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(send).toBeDisabled();
  });
});
