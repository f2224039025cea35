import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './layout/require-auth';
import { Root } from './layout/root';
import {
  ConfirmRoute,
  ForgotPasswordRoute,
  ResetPasswordRoute,
  SignInRoute,
  SignUpRoute,
} from './routes/auth';
import { CrudRoute } from './routes/crud';
import { ErrorPage } from './routes/error-page';
import { HomeRoute } from './routes/home';
import {
  ConversationRoute,
  MessagesRoute,
  NewMessageRoute,
} from './routes/messages';
import {
  ModerationLogRoute,
  ModerationRoute,
  ReportRoute,
} from './routes/moderation';
import { NotFoundPage } from './routes/not-found';
import { NotificationsRoute } from './routes/notifications';
import { FollowersRoute, FollowingRoute } from './routes/people';
import { MyProfileRoute, ProfileRoute } from './routes/profile';
import { SearchRoute } from './routes/search';
import { SettingsRoute } from './routes/settings';

const signedIn = (element) => <RequireAuth>{element}</RequireAuth>;

export const routes = [
  {
    element: <Root />,
    errorElement: <ErrorPage />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'notifications', element: signedIn(<NotificationsRoute />) },
      { path: 'search', element: <SearchRoute /> },
      { path: 'messages', element: signedIn(<MessagesRoute />) },
      { path: 'messages/new', element: signedIn(<NewMessageRoute />) },
      { path: 'messages/:groupUuid', element: signedIn(<ConversationRoute />) },
      { path: 'profile', element: <MyProfileRoute /> },
      { path: 'settings', element: signedIn(<SettingsRoute />) },
      { path: 'moderation', element: signedIn(<ModerationRoute />) },
      { path: 'moderation/log', element: signedIn(<ModerationLogRoute />) },
      {
        path: 'moderation/reports/:uuid',
        element: signedIn(<ReportRoute />),
      },
      { path: 'signup', element: <SignUpRoute /> },
      { path: 'confirm', element: <ConfirmRoute /> },
      { path: 'signin', element: <SignInRoute /> },
      { path: 'forgot-password', element: <ForgotPasswordRoute /> },
      { path: 'reset-password', element: <ResetPasswordRoute /> },
      { path: ':atHandle', element: <ProfileRoute /> },
      { path: ':atHandle/followers', element: <FollowersRoute /> },
      { path: ':atHandle/following', element: <FollowingRoute /> },
      { path: ':atHandle/status/:uuid', element: <CrudRoute /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
