import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { createQueryClient } from '@/lib/react-query';
import { createAppRouter } from './router';

export function App() {
  // Created on mount, not on import, so the router starts from the current URL
  // and every mounted app has a cache of its own.
  const [router] = useState(createAppRouter);
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
