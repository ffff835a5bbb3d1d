import { CircleAlert, Info, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from './cn';

type Tone = 'error' | 'warning' | 'info';
const STYLES: Record<Tone, string> = {
  error: 'border-red-200 bg-red-50 text-red-800 dark:border-red-900/70 dark:bg-red-950/50 dark:text-red-200',
  warning: 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200',
  info: 'border-zinc-200 bg-white text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300',
};
const ICONS = { error: CircleAlert, warning: TriangleAlert, info: Info };

/** An inline message block. Pass role="alert" only for messages that appear in answer to the user's action. */
export function Alert({
  tone,
  children,
  className,
  role,
  testId,
}: {
  tone: Tone;
  children: ReactNode;
  className?: string;
  role?: 'alert' | 'status';
  testId?: string;
}) {
  const Icon = ICONS[tone];
  return (
    <div role={role} data-testid={testId} className={cn('flex items-start gap-2 rounded-md border px-3 py-2 text-sm', STYLES[tone], className)}>
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="min-w-0 flex-1 break-words">{children}</div>
    </div>
  );
}
