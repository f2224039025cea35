import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { SearchBox } from '@/components/search-box';
import { Empty } from '@/components/states';
import { SearchResults } from '@/features/cruds/components/search-results';

export function SearchRoute() {
  const [params] = useSearchParams();
  const term = (params.get('q') ?? '').trim();
  return (
    <>
      <title>{term ? `${term} · Search · Cruddur` : 'Search · Cruddur'}</title>
      <PageHeader title="Search">
        <SearchBox key={term} initial={term} />
      </PageHeader>
      {term ? (
        <SearchResults term={term} />
      ) : (
        <Empty>Search the live cruds and replies for a word or a phrase.</Empty>
      )}
    </>
  );
}
