import { describe, expect, it } from 'vitest';
import { LaunchSchema } from './launch';
import { diffLaunch } from './launch-diff';
import { formatBytesExact, formatDuration, joinWords, parseBytes, parseDotenv, parseDuration, splitWords } from './launch-text';

const issues = (input: unknown) => {
  const r = LaunchSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('splitWords', () => {
  it('splits like a shell, without expanding or running anything', () => {
    expect(splitWords(`sh -c "echo \\"hi\\" > /tmp/x; exit 1" 'a b' c\\ d $HOME #x`)).toEqual({
      words: ['sh', '-c', 'echo "hi" > /tmp/x; exit 1', 'a b', 'c d', '$HOME', '#x'],
    });
    expect(splitWords(`  `)).toEqual({ words: [] });
    expect(splitWords(`echo ""`)).toEqual({ words: ['echo', ''] });
    expect(splitWords(`echo "oops`)).toEqual({ error: expect.stringMatching(/Unclosed double quote/) });
  });
  it('joinWords quotes only where needed and reads back the same words', () => {
    const words = ['sh', '-c', "it's a test", '', 'plain/path:1'];
    expect(joinWords(words)).toBe(`sh -c 'it'\\''s a test' '' plain/path:1`);
    expect(splitWords(joinWords(words))).toEqual({ words });
  });
});

describe('parseDotenv', () => {
  it('reads comments, export, quotes, = inside values and trailing comments', () => {
    const text = [
      '# db settings',
      '',
      'export DB_HOST=db',
      'DB_URL=postgres://u:p@h/db?sslmode=require',
      'GREETING="hello \\"world\\""',
      "RAW='a $b \\n'",
      'PORT=5432 # default',
      'EMPTY=',
      'A.B-c=1',
    ].join('\n');
    expect(parseDotenv(text)).toEqual({
      rows: [
        { key: 'DB_HOST', value: 'db' },
        { key: 'DB_URL', value: 'postgres://u:p@h/db?sslmode=require' },
        { key: 'GREETING', value: 'hello "world"' },
        { key: 'RAW', value: 'a $b \\n' },
        { key: 'PORT', value: '5432' },
        { key: 'EMPTY', value: '' },
        { key: 'A.B-c', value: '1' },
      ],
      errors: [],
    });
  });
  it('reports bad lines by number instead of dropping them', () => {
    const { rows, errors } = parseDotenv('OK=1\n1BAD=x\nno equals here\nMULTI="first\nsecond"\nBAD KEY=1');
    expect(rows).toEqual([{ key: 'OK', value: '1' }]);
    expect(errors).toEqual([
      'line 2: "1BAD" is not a valid variable name (letters, digits, "_", "." and "-", not starting with a digit)',
      'line 3: "no equals here" has no "=": write KEY=value',
      'line 4: the value of MULTI opens a double quote that does not close on the same line; values with line breaks are not allowed',
      'line 5: "second"" has no "=": write KEY=value',
      'line 6: "BAD KEY" is not a valid variable name (letters, digits, "_", "." and "-", not starting with a digit)',
    ]);
  });
});

describe('units', () => {
  it('reads sizes in binary units as docker --memory does, and writes them back', () => {
    expect(parseBytes('512m')).toBe(512 * 1024 ** 2);
    expect(parseBytes('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseBytes('64MB')).toBe(64 * 1024 ** 2);
    expect(parseBytes('lots')).toBeNull();
    expect(formatBytesExact(512 * 1024 ** 2)).toBe('512m');
    expect(formatBytesExact(1.5 * 1024 ** 3)).toBe('1536m');
  });
  it('reads Go durations into nanoseconds', () => {
    expect(parseDuration('1m30s')).toBe(90e9);
    expect(parseDuration('500ms')).toBe(5e8);
    expect(parseDuration('30')).toBeNull();
    expect(formatDuration(90e9)).toBe('1m30s');
    expect(formatDuration(5e8)).toBe('500ms');
    expect(formatDuration(3600e9)).toBe('1h');
  });
});

describe('LaunchSchema', () => {
  it('fills defaults and normalizes what a form sends', () => {
    const l = LaunchSchema.parse({
      image: 'busybox:1',
      command: 'sleep 300',
      ports: [{ hostPort: 8080, containerPort: '80' }],
      capAdd: 'net_admin, CAP_SYS_TIME',
      networks: [{ name: 'app', aliases: 'web, www' }],
    });
    expect(l).toMatchObject({
      image: 'busybox:1',
      pullIfMissing: true,
      name: '',
      command: ['sleep', '300'],
      entrypoint: [],
      restart: 'no',
      healthcheck: null,
      sensitive: false,
    });
    expect(l.ports).toEqual([{ hostIp: '', hostPort: '8080', containerPort: '80', protocol: 'tcp' }]);
    expect(l.capAdd).toEqual(['NET_ADMIN', 'SYS_TIME']);
    expect(l.networks).toEqual([{ name: 'app', aliases: ['web', 'www'] }]);
  });
  it('keeps "=" inside env values and refuses line breaks in them', () => {
    expect(LaunchSchema.parse({ image: 'x1', env: [{ key: 'URL', value: 'a=b=c' }] }).env).toEqual([{ key: 'URL', value: 'a=b=c' }]);
    expect(
      issues({
        image: 'x1',
        env: [
          { key: 'PEM', value: 'line1\nline2' },
          { key: 'bad key', value: '' },
          { key: 'PEM', value: '' },
        ],
      }),
    ).toEqual([
      'env.0.value: Environment value must not contain line breaks (env files and many tools read one variable per line): put multi-line content in a file and mount it',
      'env.1.key: Variable name may use letters, digits, "_", "." and "-", and must not start with a digit',
      'env.2.key: PEM is set twice',
    ]);
  });
  it('says which port, volume or field is wrong', () => {
    expect(
      issues({
        image: 'nginx latest',
        name: '-x',
        ports: [
          { hostPort: '70000', containerPort: '80' },
          { containerPort: '' },
          { hostPort: '8000-8001', containerPort: '80-82' },
          { hostIp: 'localhost', containerPort: '1' },
        ],
        volumes: [
          { type: 'bind', source: 'data', target: '/d' },
          { type: 'volume', source: '', target: 'rel' },
          { type: 'anonymous', target: '/d' },
        ],
        memory: '1 lot',
        cpus: '-1',
        restart: 'no',
        maxRetries: '3',
        healthcheck: { command: '', interval: '10' },
      }),
    ).toEqual([
      'image: Image must be a reference like nginx:1.27 or registry.example.com/team/app:2',
      'name: Name must be at least 2 characters: letters, digits, "_", "." and "-", starting with a letter or digit',
      'ports.0.hostPort: Host port "70000" must be a port 1-65535, a range like 8000-8010, or empty for a random port',
      'ports.1.containerPort: Container port is required, e.g. 80',
      'ports.2.hostPort: Host port range 8000-8001 must have as many ports as container range 80-82',
      'ports.3.hostIp: Host IP "localhost" must be an IP address like 0.0.0.0 or 127.0.0.1',
      'volumes.0.source: Host path "data" must be an absolute path on the host, like /srv/data',
      'volumes.1.target: Mount path "rel" must be an absolute path inside the container, like /data',
      'volumes.1.source: Volume name is required (or choose "anonymous")',
      'memory: Memory limit must be a size like 512m or 1.5g',
      'cpus: CPUs must be a number like 0.5 or 1.5',
      'healthcheck.interval: Interval must be a duration like 30s, 1m30s or 500ms',
      'healthcheck.command: A healthcheck needs a command, e.g. wget -q --spider http://localhost/',
      'volumes.2.target: /d is mounted twice',
      'maxRetries: Max retries only applies to the on-failure restart policy',
    ]);
    expect(issues({ image: 'x1', command: 'echo "unclosed' })).toEqual(['command: Command: Unclosed double quote: close it, or escape it with \\']);
    expect(issues({ image: 'x1', privileged: 'yes', extra: 1 })).toHaveLength(2);
  });
});

describe('diffLaunch', () => {
  it('lists only the fields that change, line by line', () => {
    const before = LaunchSchema.parse({
      image: 'app:1',
      name: 'web',
      env: [
        { key: 'A', value: '1' },
        { key: 'B', value: '2' },
      ],
      ports: [{ hostPort: '8080', containerPort: '80' }],
    });
    const after = LaunchSchema.parse({
      image: 'app:2',
      name: 'web',
      env: [
        { key: 'A', value: '1' },
        { key: 'B', value: '3' },
      ],
      ports: [{ hostPort: '8080', containerPort: '80' }],
      restart: 'always',
      pullIfMissing: false,
    });
    expect(diffLaunch(before, after)).toEqual([
      { field: 'image', label: 'Image', before: ['app:1'], after: ['app:2'] },
      { field: 'env', label: 'Environment', before: ['A=1', 'B=2'], after: ['A=1', 'B=3'] },
      { field: 'restart', label: 'Restart policy', before: ['no'], after: ['always'] },
    ]);
    expect(diffLaunch(before, before)).toEqual([]);
  });
});
