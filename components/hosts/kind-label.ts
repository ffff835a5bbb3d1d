import type { HostKind } from '@/lib/types';

/** How each kind of connection reads. Apart from host-form-model so the host list loads without the form's zod. */
export const KIND_LABEL: Record<HostKind, string> = { socket: 'Local socket', tcp: 'TCP + TLS', ssh: 'SSH' };
