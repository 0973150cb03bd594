import { Link } from '@tanstack/react-router';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../components/useDocumentTitle';

export function NotFound() {
  useDocumentTitle('Page not found');
  return (
    <div className="page">
      <PageHeading>Page not found</PageHeading>
      <p className="lead">There is nothing at this address.</p>
      <p>
        <Link to="/">Go to your proposals</Link>
      </p>
    </div>
  );
}
