/**
 * A window.matchMedia for jsdom (which has none) that answers width queries
 * such as "(max-width: 1000px)" for a pretend viewport, and tells listeners
 * when `setViewportWidth` changes it. The viewport is 1280 px wide unless a
 * test says otherwise.
 */
const DEFAULT_WIDTH = 1280;
let width = DEFAULT_WIDTH;
// The lists someone listens to.
const lists = new Set();

function matches(query) {
  const conditions = [...query.matchAll(/\((min|max)-width:\s*(\d+)px\)/g)];
  if (conditions.length === 0) {
    throw new Error(`the fake matchMedia cannot answer "${query}"`);
  }
  return conditions.every(([, bound, px]) =>
    bound === 'min' ? width >= Number(px) : width <= Number(px),
  );
}

function matchMedia(query) {
  const listeners = new Set();
  const list = {
    media: query,
    get matches() {
      return matches(query);
    },
    addEventListener: (type, listener) => {
      if (type !== 'change') return;
      listeners.add(listener);
      lists.add(list);
    },
    removeEventListener: (type, listener) => {
      listeners.delete(listener);
      if (listeners.size === 0) lists.delete(list);
    },
    notify: (before) => {
      if (before === list.matches) return;
      listeners.forEach((listener) => listener({ matches: list.matches }));
    },
  };
  return list;
}

/** Resizes the pretend viewport; lists whose answer changes fire "change". */
export function setViewportWidth(next) {
  const before = new Map([...lists].map((list) => [list, list.matches]));
  width = next;
  before.forEach((matched, list) => list.notify(matched));
}

export function installMatchMedia() {
  window.matchMedia = matchMedia;
}

export function resetViewport() {
  width = DEFAULT_WIDTH;
  lists.clear();
}
