import { z } from 'zod';

/** Fields that end up in connection targets must not be read as options or split into several words by any tool. */
const noDashNoSpace = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(253, `${what} is too long`)
    .refine((v) => !v.startsWith('-'), { message: `${what} must not start with "-"` })
    .refine((v) => !/\s/.test(v), { message: `${what} must not contain spaces or line breaks` });

export const hostAddress = noDashNoSpace('Host address').refine(
  (v) => /^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:]+:[0-9a-fA-F:.]*|[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)$/.test(v),
  { message: 'Host address must be a host name or IP address, like docker-1.example.com or 10.0.0.5' },
);

export const userName = noDashNoSpace('User name').refine((v) => /^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}$/.test(v), {
  message: 'User name may use letters, digits, "_", ".", "@" and "-" only',
});

export const port = z.coerce
  .number({ message: 'Port must be a number' })
  .int('Port must be a whole number')
  .min(1, 'Port must be between 1 and 65535')
  .max(65535, 'Port must be between 1 and 65535');

export const absolutePath = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(1024, `${what} is too long`)
    .refine((v) => v.startsWith('/'), { message: `${what} must be an absolute path, like /var/run/docker.sock` })
    .refine((v) => !/[\0\r\n]/.test(v), { message: `${what} must not contain line breaks` });

export const pem = (what: string, label: RegExp) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(64 * 1024, `${what} is larger than 64 KiB; paste a single PEM block`)
    .refine((v) => label.test(v), { message: `${what} must be a PEM block starting with "-----BEGIN …-----"` });

export const CERT = /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/;
export const PRIVATE_KEY = /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----[\s\S]+-----END ([A-Z]+ )?PRIVATE KEY-----/;

export const resourceName = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(64, 'Name must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Name may use letters, digits, ".", "_" and "-", and must start with a letter or digit');
