import { useLocation, useParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { TabLinks } from '@/components/tab-links';
import { ModerationLog } from '@/features/moderation/components/moderation-log';
import { ReportDetail } from '@/features/moderation/components/report-detail';
import { ReportQueue } from '@/features/moderation/components/report-queue';
import { isModerator, useAuth } from '@/lib/auth/auth-context';
import { NotFoundPage } from './not-found';

/** Moderators and admins only; to anyone else the pages do not exist. */
function ModeratorsOnly({ children }) {
  const { user } = useAuth();
  if (!isModerator(user)) return <NotFoundPage />;
  return children;
}

function ModerationTabs() {
  const { pathname } = useLocation();
  return (
    <TabLinks
      label="Moderation"
      tabs={[
        {
          to: '/moderation',
          label: 'Reports',
          current: pathname === '/moderation',
        },
        {
          to: '/moderation/log',
          label: 'Audit log',
          current: pathname === '/moderation/log',
        },
      ]}
    />
  );
}

export function ModerationRoute() {
  return (
    <ModeratorsOnly>
      <title>Reports · Moderation · Cruddur</title>
      <PageHeader title="Moderation">
        <ModerationTabs />
      </PageHeader>
      <ReportQueue />
    </ModeratorsOnly>
  );
}

export function ModerationLogRoute() {
  return (
    <ModeratorsOnly>
      <title>Audit log · Moderation · Cruddur</title>
      <PageHeader title="Moderation">
        <ModerationTabs />
      </PageHeader>
      <ModerationLog />
    </ModeratorsOnly>
  );
}

export function ReportRoute() {
  const { uuid } = useParams();
  return (
    <ModeratorsOnly>
      <ReportDetail key={uuid} uuid={uuid} />
    </ModeratorsOnly>
  );
}
