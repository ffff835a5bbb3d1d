import { z } from 'zod';
import { resourceName } from './common';
import { normalizeRegistry } from './pull';

const HOST = /^(?:localhost|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:]+\])(?::[0-9]{1,5})?$/;

/** "registry.example.com:5000", "https://ghcr.io" (scheme dropped), "index.docker.io" (→ docker.io). */
export const registryAddress = z
  .string()
  .trim()
  .min(1, 'Address is required')
  .max(253, 'Address is too long')
  .transform(normalizeRegistry)
  .refine((v) => HOST.test(v), { message: 'Address must be a registry host, optionally with a port, like registry.example.com:5000 (no path)' });

const username = z
  .string()
  .trim()
  .max(256, 'User name is too long')
  .refine((v) => !/[\r\n\0]/.test(v), { message: 'User name must be one line' });
const password = z
  .string()
  .max(4096, 'Password is too long')
  .refine((v) => !/[\r\n\0]/.test(v), { message: 'Password must be one line' });

/** POST /api/v1/registries. Username and password come together, or neither (a registry only named for pulls). */
export const RegistryCreateSchema = z
  .object({
    name: resourceName.describe('a name for people, e.g. "company-registry"'),
    address: registryAddress.describe('host[:port] as image references name the registry; docker.io for Docker Hub'),
    username: username.optional().describe('user name for the registry'),
    password: password.optional().describe('password or access token; stored encrypted, never returned'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.username && !v.password) ctx.addIssue({ code: 'custom', path: ['password'], message: 'Give the password (or token) for this user' });
    if (v.password && !v.username) ctx.addIssue({ code: 'custom', path: ['username'], message: 'Give the user name this password belongs to' });
  });
export type RegistryCreate = z.output<typeof RegistryCreateSchema>;

/** PATCH /api/v1/registries/{rid}. An empty or missing password keeps the stored one; clearCredentials drops both. */
export const RegistryUpdateSchema = z
  .object({
    name: resourceName.optional(),
    address: registryAddress.optional(),
    username: username.optional(),
    password: password.optional().describe('a new password; leave empty to keep the stored one'),
    clearCredentials: z.boolean().optional().describe('forget the stored user name and password'),
  })
  .strict();
export type RegistryUpdate = z.output<typeof RegistryUpdateSchema>;

/**
 * POST /api/v1/registries/test-login: asks a host's Docker Engine to log in (its /auth call), with a stored
 * registry's credentials (registryId), or with values typed into the form (an empty password with registryId means
 * the stored one).
 */
export const RegistryLoginTestSchema = z
  .object({
    hostId: z.string().min(1, 'Choose the host whose Docker Engine logs in'),
    registryId: z.string().optional(),
    address: registryAddress.optional(),
    username: username.optional(),
    password: password.optional(),
  })
  .strict()
  .refine((v) => v.registryId || v.address, { message: 'Give a stored registry or an address to log in to', path: ['address'] });
export type RegistryLoginTest = z.output<typeof RegistryLoginTestSchema>;
