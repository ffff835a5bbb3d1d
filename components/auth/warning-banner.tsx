import { Alert } from '@/components/ui/alert';

/** Security warnings that stay on every page until the configuration is fixed. */
export function WarningBanner({ warnings }: { warnings: string[] }) {
  if (!warnings.length) return null;
  return (
    <div
      className="flex flex-col gap-1 border-b border-amber-200 bg-amber-50/60 px-3 py-2 dark:border-amber-900/60 dark:bg-amber-950/30"
      data-testid="security-warnings"
    >
      {warnings.map((w) => (
        <Alert key={w} tone="warning" role="status" className="border-0 bg-transparent px-0 py-0">
          {w}
        </Alert>
      ))}
    </div>
  );
}
