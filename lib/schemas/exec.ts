import { z } from 'zod';

/**
 * Query of the exec WebSocket (/api/v1/hosts/{id}/containers/{cid}/exec). The command is split on spaces into an
 * argument list and run directly, never through a shell string of ours; "sh" and "bash" are the common picks.
 */
export const ExecQuerySchema = z.object({
  cmd: z
    .string()
    .trim()
    .min(1, 'Choose a shell or command, e.g. sh')
    .max(512, 'The command is too long')
    .refine((v) => !/[\0\r\n]/.test(v), { message: 'The command must be on one line' })
    .default('sh'),
  user: z
    .string()
    .trim()
    .max(64)
    .regex(/^$|^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/, 'User must be a name or uid, optionally :group')
    .optional(),
  cols: z.coerce.number().int().min(10).max(1000).default(80),
  rows: z.coerce.number().int().min(3).max(500).default(24),
});
export type ExecQuery = z.output<typeof ExecQuerySchema>;

export function commandArgs(cmd: string): string[] {
  return cmd.split(/\s+/).filter(Boolean);
}

/** Messages from the browser's terminal; output goes the other way as binary frames. */
export const ExecClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('input'), data: z.string().max(1 << 20) }),
  z.object({ type: z.literal('resize'), cols: z.number().int().min(10).max(1000), rows: z.number().int().min(3).max(500) }),
]);
export type ExecClientMessage = z.output<typeof ExecClientMessageSchema>;

/** Text frames from the server: the process ended, or it could not start. */
export type ExecServerMessage = { type: 'exit'; code: number | null } | { type: 'error'; message: string };
