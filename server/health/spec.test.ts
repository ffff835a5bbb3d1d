import { describe, expect, it } from 'vitest';
import { configHash } from '../compose/labels';
import { loadCompose } from '../compose/load';

const file = (check: string) => `services:
  web:
    image: nginx
    x-berth-healthcheck:
${check}
`;

describe('x-berth-healthcheck in a compose file', () => {
  it('is accepted, filled with Rancher defaults and carried in the model', () => {
    const r = loadCompose({ compose: file('      port: 8080\n      strategy: recreate') });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.model.services.web.berthHealth).toEqual({
      type: 'http',
      port: 8080,
      path: '/',
      interval: 2000,
      response_timeout: 2000,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
      initializing_timeout: 60000,
      strategy: 'recreate',
    });
  });

  it('bad values are reported at their line, unknown keys by name', () => {
    const r = loadCompose({ compose: file('      port: 99999\n      strategy: restart\n      timeout: 5') });
    expect(r.ok).toBe(false);
    const msgs = r.ok ? [] : r.issues.map((i) => `${i.line}: ${i.message}`);
    expect(msgs.join('\n')).toMatch(/5: .*port must be 1-65535/);
    expect(msgs.join('\n')).toMatch(/strategy must be none or recreate/);
    expect(msgs.join('\n')).toMatch(/timeout/);
  });

  it('does not change the config hash, so editing a check never recreates a container', () => {
    const a = loadCompose({ compose: 'services:\n  web:\n    image: nginx\n' });
    const b = loadCompose({ compose: file('      port: 80') });
    if (!a.ok || !b.ok) throw new Error('load failed');
    expect(configHash('p', b.model, b.model.services.web)).toBe(configHash('p', a.model, a.model.services.web));
  });
});
