import { Alert } from '@/components/ui/alert';

/** A 403 from an admin-only API, in the page's words plus the server's own. */
export function AdminOnly({ what, error }: { what: string; error: Error }) {
  return (
    <Alert tone="warning" testId="admin-only">
      <p className="font-medium">Only admins can {what}.</p>
      <p className="mt-0.5">{error.message}</p>
    </Alert>
  );
}
