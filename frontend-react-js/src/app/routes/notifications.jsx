import { PageHeader } from '@/components/page-header';
import { NotificationsList } from '@/features/notifications/components/notifications-list';

export function NotificationsRoute() {
  return (
    <>
      <title>Notifications · Cruddur</title>
      <PageHeader title="Notifications" />
      <NotificationsList />
    </>
  );
}
