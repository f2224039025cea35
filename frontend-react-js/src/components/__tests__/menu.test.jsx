import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setViewportWidth } from '@/testing/match-media';
import { Menu } from '../menu';

// jsdom's window is 1024 × 768 px and lays nothing out: the button's and the
// menu's boxes are given here.
const MENU_SIZE = { width: 192, height: 142 };

function rect({ left, top, width, height }) {
  return {
    left,
    top,
    width,
    height,
    right: left + width,
    bottom: top + height,
    x: left,
    y: top,
  };
}

function layOut(button) {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(
    function boxOf() {
      if (this.getAttribute('role') === 'menu') {
        return rect({ left: 0, top: 0, ...MENU_SIZE });
      }
      if (this.hasAttribute('aria-haspopup')) {
        return rect({ width: 36, height: 36, ...button });
      }
      return rect({ left: 0, top: 0, width: 0, height: 0 });
    },
  );
}

async function openMenu() {
  render(
    <Menu
      label="More actions"
      items={[
        { label: 'Mute', onSelect: () => {} },
        { label: 'Block', onSelect: () => {} },
        { label: 'Report', onSelect: () => {} },
      ]}
    />,
  );
  await userEvent
    .setup()
    .click(screen.getByRole('button', { name: 'More actions' }));
  return screen.getByRole('menu', { name: 'More actions' });
}

afterEach(() => {
  document.documentElement.style.removeProperty('--bottom-bar-height');
});

describe('where the "…" menu opens', () => {
  it('opens downward when there is room below its button', async () => {
    layOut({ left: 900, top: 100 });
    const menu = await openMenu();
    expect(menu).toHaveAttribute('data-side', 'bottom');
    expect(menu.style.transform).toBe('');
  });

  it('opens upward when its button is near the bottom of the screen', async () => {
    layOut({ left: 900, top: 700 });
    const menu = await openMenu();
    expect(menu).toHaveAttribute('data-side', 'top');
  });

  describe('with a button 192 px above the bottom of the screen', () => {
    // Room for the menu below it, but not once a 64 px bottom bar is taken off.
    const button = { left: 300, top: 540 };

    it('opens downward on a wide screen', async () => {
      document.documentElement.style.setProperty('--bottom-bar-height', '4rem');
      layOut(button);
      expect(await openMenu()).toHaveAttribute('data-side', 'bottom');
    });

    it('opens upward on a phone, clear of its bottom bar', async () => {
      document.documentElement.style.setProperty('--bottom-bar-height', '4rem');
      setViewportWidth(375);
      layOut(button);
      expect(await openMenu()).toHaveAttribute('data-side', 'top');
    });
  });

  it('stays downward when there is even less room above', async () => {
    vi.stubGlobal('innerHeight', 200);
    layOut({ left: 900, top: 40 });
    expect(await openMenu()).toHaveAttribute('data-side', 'bottom');
  });

  it('moves right to stay on the screen', async () => {
    // Lined up with the button's right edge, it would start at 40 - 192 px.
    layOut({ left: 4, top: 100 });
    const menu = await openMenu();
    expect(menu.style.transform).toBe('translateX(160px)');
  });

  it('moves left to stay on the screen', async () => {
    layOut({ left: 1000, top: 100 });
    const menu = await openMenu();
    expect(menu.style.transform).toBe('translateX(-20px)');
  });
});
