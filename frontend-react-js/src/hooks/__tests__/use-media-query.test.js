import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setViewportWidth } from '@/testing/match-media';
import { useMediaQuery } from '../use-media-query';

describe('useMediaQuery', () => {
  it('answers for the current width and follows changes', () => {
    setViewportWidth(375);
    const { result, unmount } = renderHook(() =>
      useMediaQuery('(max-width: 1000px)'),
    );
    expect(result.current).toBe(true);

    act(() => setViewportWidth(1280));
    expect(result.current).toBe(false);

    act(() => setViewportWidth(1000));
    expect(result.current).toBe(true);
    unmount();
  });
});
