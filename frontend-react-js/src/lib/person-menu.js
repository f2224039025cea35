/**
 * The menu of what can be done about someone else (block, mute, report),
 * handed by the app to the features that show people's cruds, so that a
 * crud's "…" menu offers it without the cruds feature importing another.
 * The value renders it: a function of `{ person, activity, className }`
 * giving an element, or null when the app offers none.
 */
import { createContext, useContext } from 'react';

export const PersonMenuContext = createContext(null);

export function usePersonMenu() {
  return useContext(PersonMenuContext);
}
