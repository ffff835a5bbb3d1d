import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to port 3000, ./data and SQLite', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.databaseUrl).toBeUndefined();
    // Loopback until sign-in exists; HOSTNAME (often the machine's name) is ignored.
    expect(loadConfig({ HOSTNAME: 'vm' }).hostname).toBe('127.0.0.1');
    expect(loadConfig({ BERTH_BIND: '0.0.0.0' }).hostname).toBe('0.0.0.0');
  });

  it('names the variable and a good value when PORT is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a number, e\.g\. PORT=3000/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/between 1 and 65535/);
  });

  it('accepts a unix DOCKER_HOST and refuses tcp:// with advice', () => {
    expect(loadConfig({ DOCKER_HOST: 'unix:///run/d.sock' }).dockerHost).toBe('/run/d.sock');
    expect(() => loadConfig({ DOCKER_HOST: 'tcp://10.0.0.1:2376' })).toThrow(/register TCP and SSH hosts in the UI/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@h/db' }).databaseUrl).toBe('postgres://u:p@h/db');
  });

  it('refuses a secret key of the wrong length', () => {
    expect(() => loadConfig({ BERTH_SECRET_KEY: 'abcd' })).toThrow(/32 bytes/);
  });

  it('refuses link-local hosts unless BERTH_ALLOW_LINK_LOCAL_HOSTS says otherwise', () => {
    expect(loadConfig({}).allowLinkLocalHosts).toBe(false);
    expect(loadConfig({ BERTH_ALLOW_LINK_LOCAL_HOSTS: '1' }).allowLinkLocalHosts).toBe(true);
    expect(() => loadConfig({ BERTH_ALLOW_LINK_LOCAL_HOSTS: 'yes' })).toThrow(/BERTH_ALLOW_LINK_LOCAL_HOSTS must be 0 or 1/);
  });

  it('refuses a bad catalog source setting at start, naming it', () => {
    expect(() => loadConfig({ BERTH_CATALOG_REFRESH_MINUTES: 'hourly' })).toThrow(/BERTH_CATALOG_REFRESH_MINUTES must be a number/);
    expect(() => loadConfig({ BERTH_CATALOG_REFRESH_MINUTES: 'hourly' })).toThrow(ConfigError);
  });

  it('reads extra catalog folders from BERTH_CATALOG_DIRS and refuses relative ones', () => {
    expect(loadConfig({}).catalogDirs).toEqual([]);
    expect(loadConfig({ BERTH_CATALOG_DIRS: '/srv/a:/srv/b' }).catalogDirs).toEqual(['/srv/a', '/srv/b']);
    expect(() => loadConfig({ BERTH_CATALOG_DIRS: 'templates' })).toThrow(/BERTH_CATALOG_DIRS must be absolute catalog folders/);
  });

  it('reads BERTH_IMAGE_UPDATE_MINUTES (360 by default, 0 turns the schedule off) and names it when it is wrong', () => {
    expect(loadConfig({}).imageUpdateMinutes).toBe(360);
    expect(loadConfig({ BERTH_IMAGE_UPDATE_MINUTES: '0' }).imageUpdateMinutes).toBe(0);
    expect(() => loadConfig({ BERTH_IMAGE_UPDATE_MINUTES: 'daily' })).toThrow(/BERTH_IMAGE_UPDATE_MINUTES must be a number of minutes/);
    expect(() => loadConfig({ BERTH_IMAGE_UPDATE_MINUTES: '-5' })).toThrow(/BERTH_IMAGE_UPDATE_MINUTES must be between 0 \(off\) and 10080/);
  });
});
