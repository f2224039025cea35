import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { createAppRouter } from './router';

export function App() {
  // Created on mount, not on import, so the router starts from the current URL.
  const [router] = useState(createAppRouter);
  return <RouterProvider router={router} />;
}
