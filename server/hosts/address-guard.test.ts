import { describe, expect, it } from 'vitest';
import { checkHostAddress, isLinkLocal } from './address-guard';

describe('isLinkLocal', () => {
  it.each([
    '169.254.169.254',
    '169.254.0.1',
    'fe80::1',
    'FE80::abcd:1',
    'febf:ffff::1',
    '[fe80::1]',
    'fe80::1%eth0',
    'fd00:ec2::254',
    'fd00:0ec2:0:0:0:0:0:254',
    '::ffff:169.254.169.254',
  ])('%s is link-local', (a) => expect(isLinkLocal(a)).toBe(true));

  it.each(['127.0.0.1', '10.0.0.5', '169.255.0.1', '::1', 'fec0::1', 'fd00:ec2::253', '::ffff:127.0.0.1', 'docker-1.example.com'])('%s is not', (a) =>
    expect(isLinkLocal(a)).toBe(false),
  );
});

describe('checkHostAddress', () => {
  const resolvesTo =
    (...addrs: string[]) =>
    async () =>
      addrs;

  it('refuses a link-local literal, naming the setting that allows it', async () => {
    await expect(checkHostAddress('169.254.169.254', false)).rejects.toThrow(/link-local address.*BERTH_ALLOW_LINK_LOCAL_HOSTS=1/);
    await expect(checkHostAddress('[fe80::1]', false)).rejects.toThrow(/link-local/);
  });

  it('refuses a name that resolves to a link-local address, naming both', async () => {
    await expect(checkHostAddress('metadata.internal', false, resolvesTo('10.0.0.1', '169.254.169.254'))).rejects.toThrow(
      /metadata\.internal \(169\.254\.169\.254\) is a link-local address/,
    );
  });

  it('lets other addresses through, and everything when the setting allows it', async () => {
    await expect(checkHostAddress('127.0.0.1', false)).resolves.toBeUndefined();
    await expect(checkHostAddress('localhost', false)).resolves.toBeUndefined();
    await expect(checkHostAddress('docker-1', false, resolvesTo('10.0.0.7'))).resolves.toBeUndefined();
    await expect(checkHostAddress('169.254.169.254', true)).resolves.toBeUndefined();
  });

  it('says when a name does not resolve', async () => {
    const fails = async () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));
    await expect(checkHostAddress('no-such-host.invalid', false, fails)).rejects.toThrow(/Cannot resolve no-such-host\.invalid/);
  });
});
