import { describe, expect, it } from 'vitest';
import type { ContextEntry } from './build-context';
import { envFilePath, type FolderFiles, NO_FOLDER, selectEnvFiles } from './env-files';
import { loadCompose } from './load';

const file = (name: string, text: string | Buffer): ContextEntry => ({
  name,
  type: 'file',
  mode: 0o644,
  mtime: new Date(0),
  data: Buffer.isBuffer(text) ? text : Buffer.from(text),
});
const folderOf = (entries: ContextEntry[], archive = 'project.tar.gz'): FolderFiles => ({ archive, ...selectEnvFiles(entries) });
const svc = (envFile: string) => `services:\n  web:\n    image: x\n    env_file: ${envFile}\n`;
const load = (compose: string, folder?: FolderFiles, env = '') => loadCompose({ compose, env, folder });
const messages = (compose: string, folder?: FolderFiles, env = '') => {
  const r = load(compose, folder, env);
  if (r.ok) throw new Error('expected problems');
  return r.issues.map((i) => i.message);
};

describe('env_file paths inside the stack folder', () => {
  it('normalizes "./", "//" and backslashes to one path relative to the folder root', () => {
    expect(envFilePath('web.env')).toEqual({ path: 'web.env' });
    expect(envFilePath('./web.env')).toEqual({ path: 'web.env' });
    expect(envFilePath('./conf//more.env')).toEqual({ path: 'conf/more.env' });
    expect(envFilePath('conf\\more.env')).toEqual({ path: 'conf/more.env' });
    expect(envFilePath('conf/./more.env')).toEqual({ path: 'conf/more.env' });
  });

  it('refuses what leaves the folder: absolute, home, drive letters and ".."', () => {
    for (const p of ['/etc/shadow', '~/.env', 'C:\\x.env', '\\\\server\\x.env']) expect(envFilePath(p)).toEqual({ error: 'absolute' });
    for (const p of ['../x.env', 'conf/../../x.env', './..']) expect(envFilePath(p)).toEqual({ error: 'parent' });
    expect(envFilePath('./')).toEqual({ error: 'empty' });
  });
});

describe('which files of the folder env_file reads', () => {
  it('keeps small text files and lists every file, but never follows a symlink', () => {
    const f = selectEnvFiles([
      { name: 'conf', type: 'directory', mode: 0o755, mtime: new Date(0) },
      file('web.env', 'A=1\n'),
      file('conf/more.env', '\uFEFFB=2\n'),
      { name: 'link.env', type: 'symlink', mode: 0o777, mtime: new Date(0), linkname: '/etc/shadow' },
    ]);
    expect(f.files).toEqual({ 'web.env': 'A=1\n', 'conf/more.env': 'B=2\n' });
    expect(f.listing).toEqual(['conf/more.env', 'link.env', 'web.env']);
    expect(f.unreadable['link.env']).toMatch(/symbolic link .*never follows/);
  });

  it('leaves out binary and too large files, saying why', () => {
    const f = selectEnvFiles([
      file('bin.env', Buffer.from([0x41, 0, 0x42])),
      file('latin1.env', Buffer.from([0x41, 0xe9])),
      file('big.env', 'x'.repeat(300 * 1024)),
    ]);
    expect(f.files).toEqual({});
    expect(f.unreadable['bin.env']).toMatch(/not a UTF-8 text file/);
    expect(f.unreadable['latin1.env']).toMatch(/not a UTF-8 text file/);
    expect(f.unreadable['big.env']).toMatch(/larger than 256 KiB/);
  });

  it('bounds the total, keeping env-looking names before the rest of a build context', () => {
    const f = selectEnvFiles(
      [file('src/a.js', 'a'.repeat(60)), file('src/b.js', 'b'.repeat(60)), file('zz/prod.env', 'P=1'), file('.env.local', 'L=1')],
      100,
      100,
    );
    expect(Object.keys(f.files).sort()).toEqual(['.env.local', 'src/a.js', 'zz/prod.env']);
    expect(f.unreadable['src/b.js']).toMatch(/past the/);
  });
});

describe('loadCompose with the stack folder', () => {
  const folder = folderOf([
    file('web.env', 'A=from-web\nSHARED=web\n'),
    file('conf/more.env', 'B=from-more\nSHARED=more\n'),
    file('.env', 'FROM_ARCHIVE=1\n'),
    file('app/Dockerfile', 'FROM x'),
  ]);

  it('reads env_file entries from the folder, in order, "./x" being "x"', () => {
    const r = load(svc('[web.env, ./conf/more.env]'), folder);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.model.services.web.environment).toEqual({ A: 'from-web', B: 'from-more', SHARED: 'more' });
  });

  it("the .env typed in the editor wins over the folder's own .env", () => {
    const r = load(svc('.env'), folder, 'TYPED=1\n');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.model.services.web.environment).toEqual({ TYPED: '1' });
  });

  it('a file not in the folder is named with everything the folder holds', () => {
    const [m] = messages(svc('secrets.env'), folder);
    expect(m).toMatch(/env_file "secrets.env" is not in the stack's folder project.tar.gz/);
    expect(m).toContain(".env (typed in the editor; the folder's own .env is not read), app/Dockerfile, conf/more.env, web.env");
  });

  it('a stack without an uploaded folder is told to upload one', () => {
    expect(messages(svc('web.env'), NO_FOLDER)[0]).toMatch(/no uploaded folder yet .*Upload the folder holding web.env as a .tar or .tar.gz/);
  });

  it('a symlink in the folder is refused, never followed', () => {
    const f = folderOf([{ name: 'out.env', type: 'symlink', mode: 0o777, mtime: new Date(0), linkname: '../../etc/shadow' }]);
    expect(messages(svc('out.env'), f)[0]).toMatch(/env_file "out.env" is in the stack's folder but is a symbolic link/);
  });

  it('absolute and ".." paths stay refused whatever the folder holds', () => {
    expect(messages(svc('/etc/shadow'), folder)[0]).toMatch(/absolute path/);
    expect(messages(svc('../x.env'), folder)[0]).toMatch(/leaves the stack's folder/);
    expect(messages(svc('constructor'), folder)[0]).toMatch(/not in the stack's folder/);
  });

  it('missingOk (saving a new stack, views) lets a file not uploaded yet pass, but not a bad path', () => {
    expect(load(svc('web.env'), { ...NO_FOLDER, missingOk: true }).ok).toBe(true);
    expect(messages(svc('../x.env'), { ...NO_FOLDER, missingOk: true })[0]).toMatch(/leaves the stack's folder/);
  });

  it('without folder information, env_file reads only the .env, as before', () => {
    expect(messages(svc('web.env'))[0]).toBe('env_file "web.env" is not in the stack\'s folder (it holds: .env)');
  });
});
