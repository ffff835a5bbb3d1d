import type { Question } from '@/lib/catalog-types';
import { looksSecret, question, variableName } from './common';

/**
 * The question a Coolify template's `${ref}` variable becomes (the magic SERVICE_* ones as coolify.ts's header says;
 * others a string with their `:-` default, required with `:?`). What Berth cannot honour is added to `unsupported`,
 * named by where it was found (`at`).
 */
export function variableQuestion(ref: string, op: string | undefined, def: string | undefined, at: string, unsupported: string[]): Question {
  const magic = /^SERVICE_(PASSWORD|USER|BASE64|REALBASE64|HEX|FQDN|URL)_(?:(\d+)_)?([A-Z0-9_]+?)(?:_(\d+))?$/.exec(ref);
  let q: Question;
  if (magic) {
    const [, kind, size, rest, port] = magic;
    const variable = variableName(`${kind}_${rest}`);
    if (kind === 'PASSWORD' || kind === 'BASE64' || kind === 'REALBASE64' || kind === 'HEX') {
      q = question({
        variable,
        label: `${kind === 'PASSWORD' ? 'Password' : 'Secret'} for ${rest.toLowerCase()}`,
        type: 'password',
        group: 'Secrets',
        description: size ? `Coolify generated ${size} characters here` : undefined,
      });
    } else if (kind === 'USER') {
      q = question({
        variable,
        label: `User name for ${rest.toLowerCase()}`,
        type: 'string',
        default: rest.toLowerCase(),
        required: true,
        pattern: '^[A-Za-z0-9_.-]+$',
      });
    } else {
      unsupported.push(`${at} (${ref}: Coolify's proxy gives the service a domain; Berth runs no proxy, so it is asked)`);
      const url = kind === 'URL' ? 'http://' : '';
      q = question({
        variable: variableName(`${kind}_${rest}${port ? `_${port}` : ''}`),
        label: `${kind === 'URL' ? 'URL' : 'Domain'} of ${rest.toLowerCase()}`,
        type: 'string',
        default: `${url}localhost${port && url ? `:${port}` : ''}`,
        group: 'Network',
      });
    }
  } else {
    if (ref.startsWith('SERVICE_')) unsupported.push(`${at} (${ref}: a Coolify variable Berth does not know)`);
    const secret = looksSecret(ref) && !def;
    q = question({
      variable: variableName(ref),
      label: undefined,
      type: secret ? 'password' : 'string',
      default: op?.endsWith('-') && def ? def : undefined,
      required: op?.endsWith('?'),
    });
  }
  return q;
}
