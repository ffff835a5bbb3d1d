import { PageHeader } from '@/components/ui/page-header';

/** For sections that later issues build: says what will live here, and that it is not built yet. */
export function PlaceholderPage({ title, description }: { title: string; description: string }) {
  return (
    <div className="p-4 md:p-6">
      <PageHeader title={title} />
      <p className="mt-3 max-w-prose text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
    </div>
  );
}
