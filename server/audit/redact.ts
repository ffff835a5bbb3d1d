/**
 * Audit entries record what was asked, minus secrets: any key that names a password, token, key, certificate or
 * credential is replaced, at any depth, and long strings are cut so one upload cannot bloat the log.
 */
/**
 * `answers`: a catalog launch's answers (POST …/catalog/{template}/deploy), whose password answers have whatever name
 * the template gave them; the launched stack records the answers that are not passwords. `data`: a swarm secret's (or
 * config's) value when it is created (POST …/swarm/secrets), dropped whole, not even its size kept. `webhook…`: an alert
 * channel's webhook URL (Slack's and Discord's carry their token in the path).
 */
const SECRET_KEY = /pass(word|phrase)?|secret|token|private|key|cert|credential|auth|cookie|env_file|dotenv|^env$|^answers$|^data$|webhook/i;
const MAX_STRING = 500;
/** Whole files (a compose file, a Dockerfile, an uploaded catalog file's text) often carry literal passwords: only their size is kept. */
const FILE_KEY = /^(compose|yaml|dockerfile|content|file|text)$/i;
const MAX_DEPTH = 6;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[…]';
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} chars)` : value;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (FILE_KEY.test(k) && typeof v === 'string') out[k] = `[${v.length} characters, not kept]`;
      else out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined && v !== '' ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** Environment entries ("KEY=value") keep their names but lose their values: values are where secrets live. */
export function redactEnvList(env: string[]): string[] {
  return env.map((e) => `${e.split('=')[0]}=[redacted]`);
}
