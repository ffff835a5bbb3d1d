/**
 * Headers every response of Berth carries (server.ts sets them before Next handles the request, so pages, API
 * responses, static files and next-auth's own pages all get them).
 *
 * - No framing at all (`frame-ancestors 'none'`, and X-Frame-Options for browsers that predate it): a page that
 *   could frame Berth could trick a signed-in admin into clicking "Remove".
 * - Scripts only from Berth itself. 'unsafe-inline' stays because the App Router bootstraps each page with inline
 *   scripts and Berth does not issue per-request nonces; what the CSP still buys is no foreign script source, no
 *   plugins, no <base> hijack, and forms that post only to Berth (and GitHub's sign-in). Dev mode adds 'unsafe-eval'
 *   for React Refresh.
 * - connect-src names the terminal's WebSocket on this host explicitly (ws:// and wss://), beside 'self', because
 *   older browsers do not let 'self' match WebSocket schemes.
 */
export interface SecurityHeaderOptions {
  /** the host the browser opened (X-Forwarded-Host or Host), used for the terminal's WebSocket */
  host: string | null | undefined;
  /** BERTH_PUBLIC_URL */
  publicUrl?: string;
  /** BERTH_GITHUB_URL, when GitHub sign-in is configured */
  githubUrl?: string;
  dev?: boolean;
}

// A host header is user input: only a plain name or address (with port) goes into the policy.
const SAFE_HOST = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

export function contentSecurityPolicy(o: SecurityHeaderOptions): string {
  const hosts = new Set<string>();
  const first = o.host?.split(',')[0].trim();
  if (first && SAFE_HOST.test(first)) hosts.add(first.toLowerCase());
  const pub = hostOf(o.publicUrl);
  if (pub) hosts.add(pub);
  const sockets = [...hosts].flatMap((h) => [`ws://${h}`, `wss://${h}`]);
  const github = originOf(o.githubUrl);
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", "'unsafe-inline'", ...(o.dev ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...sockets],
    ['worker-src', "'self'", 'blob:'],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'", ...(github ? [github] : [])],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

export function securityHeaders(o: SecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(o),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
  };
}

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

function originOf(url: string | undefined): string | null {
  try {
    const u = url ? new URL(url) : null;
    return u && (u.protocol === 'https:' || u.protocol === 'http:') ? u.origin : null;
  } catch {
    return null;
  }
}
