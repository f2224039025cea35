import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useSubmit } from '../use-submit';

const event = () => ({ preventDefault: vi.fn() });

describe('useSubmit', () => {
  it('runs the action once at a time, and says when it is sending', async () => {
    let finish;
    const action = vi.fn(() => new Promise((resolve) => (finish = resolve)));
    const { result } = renderHook(() => useSubmit(action, true));
    let first;
    act(() => {
      first = result.current.submit(event());
    });
    expect(result.current.sending).toBe(true);
    await act(() => result.current.submit(event()));
    expect(action).toHaveBeenCalledTimes(1);
    await act(async () => {
      finish();
      await first;
    });
    expect(result.current.sending).toBe(false);
  });

  it('keeps the failure until the next try', async () => {
    const failure = new Error('down');
    const action = vi.fn().mockRejectedValueOnce(failure).mockResolvedValue();
    const { result } = renderHook(() => useSubmit(action, true));
    await act(() => result.current.submit(event()));
    expect(result.current.error).toBe(failure);
    await act(() => result.current.submit(event()));
    expect(result.current.error).toBeNull();
  });

  it('does nothing when the form cannot be submitted', async () => {
    const action = vi.fn();
    const submitted = event();
    const { result } = renderHook(() => useSubmit(action, false));
    await act(() => result.current.submit(submitted));
    expect(action).not.toHaveBeenCalled();
    expect(submitted.preventDefault).toHaveBeenCalled();
  });
});
