import { useParams } from 'react-router';
import { CrudThread } from '@/features/cruds/components/crud-thread';
import { NotFoundPage } from './not-found';

export function CrudRoute() {
  const { atHandle, uuid } = useParams();
  if (!atHandle.startsWith('@')) return <NotFoundPage />;
  return <CrudThread handle={atHandle.slice(1)} uuid={uuid} />;
}
