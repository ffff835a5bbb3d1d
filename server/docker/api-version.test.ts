import { describe, expect, it } from 'vitest';
import { compareApi, createOptionsFor, MAX_API, negotiateApi } from './api-version';

describe('Engine API version negotiation', () => {
  it('compares versions numerically', () => {
    expect(compareApi('1.41', '1.45')).toBe(-1);
    expect(compareApi('1.45', '1.45')).toBe(0);
    expect(compareApi('1.100', '1.45')).toBe(1);
    expect(compareApi('2.0', '1.99')).toBe(1);
  });

  it("speaks the Engine's own version up to the newest Berth is tested with", () => {
    expect(negotiateApi('1.41', 'unix:///x')).toBe('1.41');
    expect(negotiateApi('1.45', 'unix:///x')).toBe('1.45');
    expect(negotiateApi('1.47', 'unix:///x')).toBe(MAX_API);
  });

  it('refuses an Engine older than 20.10, naming the version it found and what to do', () => {
    expect(() => negotiateApi('1.40', 'tcp://old:2376')).toThrow(
      /tcp:\/\/old:2376 speaks Docker API 1\.40; Berth needs API 1\.41 \(Docker Engine 20\.10\) or newer\. Upgrade Docker/,
    );
    expect(() => negotiateApi('banana', 'tcp://odd:2376')).toThrow(/reports API version "banana"/);
  });
});

describe('create options per API version', () => {
  const opts = {
    Image: 'x',
    MacAddress: '02:42:ac:11:00:99',
    HostConfig: { NetworkMode: 'shop' },
    NetworkingConfig: { EndpointsConfig: { shop: { Aliases: ['web'] } } },
  };

  it('keeps the container-wide MAC address below API 1.44', () => {
    expect(createOptionsFor(opts, '1.41')).toBe(opts);
  });

  it("moves it onto the first network's endpoint from API 1.44, keeping the endpoint's other settings", () => {
    const o = createOptionsFor(opts, '1.45');
    expect(o.MacAddress).toBeUndefined();
    expect(o.NetworkingConfig.EndpointsConfig).toEqual({ shop: { Aliases: ['web'], MacAddress: '02:42:ac:11:00:99' } });
    const plain: { Image: string; MacAddress?: string; NetworkingConfig?: object } = { Image: 'x', MacAddress: '02:42:ac:11:00:98' };
    expect(createOptionsFor(plain, '1.45').NetworkingConfig).toEqual({ EndpointsConfig: { bridge: { MacAddress: '02:42:ac:11:00:98' } } });
    expect(createOptionsFor({ ...opts, HostConfig: { NetworkMode: 'none' } }, '1.45').MacAddress).toBe(opts.MacAddress);
  });
});
