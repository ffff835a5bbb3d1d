import { describe, expect, it } from 'vitest';
import { formatIp, gatewayProblem, NetworkConnectSchema, NetworkCreateSchema, parseCidr, parseIp, subnetProblem } from './networks';

const issues = (v: unknown) => {
  const r = NetworkCreateSchema.safeParse(v);
  return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
};

describe('IP and CIDR parsing', () => {
  it('parses IPv4 strictly', () => {
    expect(parseIp('10.0.0.1')).toEqual({ family: 4, value: 0x0a000001n });
    for (const bad of ['10.0.0', '10.0.0.256', '010.0.0.1', '1.2.3.4.5', 'a.b.c.d', '']) expect(parseIp(bad), bad).toBeNull();
  });

  it('parses IPv6 with compression and an IPv4 tail, and formats it back', () => {
    expect(formatIp(parseIp('fd00:0:0:0:0:0:0:1')!)).toBe('fd00::1');
    expect(formatIp(parseIp('::')!)).toBe('::');
    expect(formatIp(parseIp('2001:db8::ff00:42:8329')!)).toBe('2001:db8::ff00:42:8329');
    expect(parseIp('::ffff:10.0.0.1')!.value).toBe(0xffff0a000001n);
    for (const bad of ['1::2::3', '12345::', '1:2:3:4:5:6:7', 'fd00::g', '1.2.3.4::']) expect(parseIp(bad), bad).toBeNull();
  });

  it('finds the network of a CIDR', () => {
    expect(parseCidr('172.28.5.7/16')).toMatchObject({ prefix: 16, network: 0xac1c0000n });
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('10.0.0.0')).toBeNull();
  });
});

describe('subnet and gateway checks', () => {
  it('accepts usable subnets', () => {
    for (const ok of ['172.28.0.0/16', '10.232.250.0/24', '192.168.1.0/30', 'fd00:28::/64']) expect(subnetProblem(ok), ok).toBeNull();
  });

  it('explains bad subnets', () => {
    expect(subnetProblem('10.0.0.300/24')).toMatch(/is not a subnet: write it in CIDR form/);
    expect(subnetProblem('10.0.0.0')).toMatch(/CIDR form/);
    expect(subnetProblem('10.1.2.3/24')).toBe('10.1.2.3/24 has host bits set: did you mean 10.1.2.0/24?');
    expect(subnetProblem('fd00::1/64')).toMatch(/did you mean fd00::\/64\?/);
    expect(subnetProblem('10.0.0.0/31')).toMatch(/too small/);
  });

  it('checks that the gateway is a host address inside the subnet', () => {
    expect(gatewayProblem('172.28.0.1', '172.28.0.0/16')).toBeNull();
    expect(gatewayProblem('172.29.0.1', '172.28.0.0/16')).toBe('172.29.0.1 is outside the subnet 172.28.0.0/16');
    expect(gatewayProblem('172.28.0.0', '172.28.0.0/16')).toMatch(/network address: use a host address, like 172.28.0.1/);
    expect(gatewayProblem('172.28.255.255', '172.28.0.0/16')).toMatch(/broadcast/);
    expect(gatewayProblem('fd00::1', '172.28.0.0/16')).toMatch(/outside the subnet/);
    expect(gatewayProblem('gw', '172.28.0.0/16')).toMatch(/is not an IP address/);
  });
});

describe('NetworkCreateSchema', () => {
  it('fills defaults', () => {
    expect(NetworkCreateSchema.parse({ name: 'app-net' })).toEqual({ name: 'app-net', driver: 'bridge', internal: false, attachable: false, labels: {} });
  });

  it('names the field at fault', () => {
    expect(issues({ name: 'n', subnet: '10.0.0.0/8x' })).toMatch(/^subnet: "10.0.0.0\/8x" is not a subnet/);
    expect(issues({ name: 'n', gateway: '10.0.0.1' })).toMatch(/^gateway: A gateway needs a subnet/);
    expect(issues({ name: 'n', subnet: '10.9.0.0/24', gateway: '10.8.0.1' })).toMatch(/^gateway: 10.8.0.1 is outside the subnet 10.9.0.0\/24/);
    expect(issues({ name: 'bridge' })).toMatch(/^name: bridge, host and none are the Engine's predefined networks/);
    expect(issues({ name: 'n', driver: 'weave' })).toMatch(/^driver: Driver must be one of bridge, macvlan, overlay/);
    expect(issues({ name: 'n', parent: 'eth0' })).toMatch(/^parent: A parent interface applies to macvlan networks only/);
    expect(issues({ name: 'n', labels: { 'a=b': 'x' } })).toMatch(/must not contain "="/);
  });

  it('checks connect input', () => {
    expect(NetworkConnectSchema.parse({ container: 'web' })).toEqual({ container: 'web', aliases: [] });
    expect(NetworkConnectSchema.safeParse({ container: 'web', aliases: ['bad alias'] }).success).toBe(false);
  });
});
