import { createBrowserRouter } from 'react-router';
import { AppLayout } from './layout/app-layout';
import { ErrorPage } from './routes/error-page';
import { NotFoundPage } from './routes/not-found';
import { ComingSoon } from '@/components/coming-soon';
import { HomePage } from '@/features/feed/components/home-page';

export const routes = [
  {
    element: <AppLayout />,
    errorElement: <ErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      {
        path: 'notifications',
        element: <ComingSoon title="Notifications" />,
      },
      { path: 'search', element: <ComingSoon title="Search" /> },
      { path: 'messages', element: <ComingSoon title="Messages" /> },
      { path: 'profile', element: <ComingSoon title="Profile" /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
