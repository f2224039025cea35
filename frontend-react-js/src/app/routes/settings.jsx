import { PageHeader } from '@/components/page-header';
import {
  BlockedPeople,
  MutedPeople,
} from '@/features/safety/components/safety-lists';

export function SettingsRoute() {
  return (
    <>
      <title>Settings · Cruddur</title>
      <PageHeader title="Settings" />
      <BlockedPeople />
      <MutedPeople />
    </>
  );
}
