import { PageHeader } from './page-header';

/** Stand-in for a page that is not built yet. */
export function ComingSoon({ title }) {
  return (
    <>
      <title>{`${title} · Cruddur`}</title>
      <PageHeader title={title} />
      <p className="muted">{title} is coming soon.</p>
    </>
  );
}
