import { describe, expect, it } from 'vitest';
import { redact } from './redact';

describe('redact', () => {
  it('replaces secrets at any depth and keeps the rest', () => {
    const out = redact({ name: 'web', password: 'hunter2', tls: { ca: 'x', key: 'PRIVATE', cert: 'CERT' }, registry: { username: 'u', auth: 'abc' } });
    expect(out).toEqual({
      name: 'web',
      password: '[redacted]',
      tls: { ca: 'x', key: '[redacted]', cert: '[redacted]' },
      registry: { username: 'u', auth: '[redacted]' },
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|PRIVATE|CERT|abc/);
  });

  it('drops environment values and .env text', () => {
    expect(redact({ env: [{ key: 'A', value: 'b' }], dotenv: 'DB_PASSWORD=x' })).toEqual({ env: '[redacted]', dotenv: '[redacted]' });
  });

  it('keeps only the size of whole files, which often hold literal passwords', () => {
    expect(redact({ name: 'shop', compose: 'services:\n  db:\n    environment: [MYSQL_ROOT_PASSWORD=hunter2]\n' })).toEqual({
      name: 'shop',
      compose: '[63 characters, not kept]',
    });
  });

  it("drops a catalog launch's answers, whose password answers may have any name", () => {
    expect(redact({ stack: 'blog', answers: { public_port: 8080, admin_pw: 'hunter2' }, wait: true })).toEqual({
      stack: 'blog',
      answers: '[redacted]',
      wait: true,
    });
  });

  it("drops a swarm secret's value, text or base64, and keeps its name and labels", () => {
    expect(redact({ name: 'db-pass', data: 'hunter2', encoding: 'text', labels: { team: 'a' } })).toEqual({
      name: 'db-pass',
      data: '[redacted]',
      encoding: 'text',
      labels: { team: 'a' },
    });
    expect(JSON.stringify(redact({ name: 'tls', data: Buffer.from('PRIVATE').toString('base64'), encoding: 'base64' }))).not.toContain('UFJJVkFURQ');
  });

  it("drops an alert channel's webhook URL and secrets, and keeps its kind and name", () => {
    expect(redact({ kind: 'slack', name: 'ops', webhookUrl: 'https://hooks.slack.com/services/T/B/x' })).toEqual({
      kind: 'slack',
      name: 'ops',
      webhookUrl: '[redacted]',
    });
    expect(redact({ signingSecret: 's', token: 't', password: 'p', server: 'https://ntfy.sh' })).toEqual({
      signingSecret: '[redacted]',
      token: '[redacted]',
      password: '[redacted]',
      server: 'https://ntfy.sh',
    });
  });

  it('cuts long strings', () => {
    expect((redact({ note: 'x'.repeat(2000) }) as { note: string }).note).toMatch(/… \(2000 chars\)$/);
  });
});
