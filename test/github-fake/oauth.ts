import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { escapeHtml, parseFields, readBody, sendHtml } from './http';
import type { GitHubState } from './state';

/**
 * GitHub's OAuth web flow: GET /login/oauth/authorize and POST /login/oauth/access_token. The details a client can
 * notice follow GitHub: token-endpoint errors come back as HTTP 200 with an `error` field, the answer is form-encoded
 * unless the client asks for JSON, codes are single-use and live ten minutes, and a redirect_uri that the app did not
 * register gets an error page, never a redirect.
 */

const TROUBLESHOOT = 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors';
const ERRORS: Record<string, [description: string, uri: string]> = {
  incorrect_client_credentials: ['The client_id and/or client_secret passed are incorrect.', `${TROUBLESHOOT}/#incorrect-client-credentials`],
  redirect_uri_mismatch: [
    'The redirect_uri MUST match the registered callback URL for this application.',
    'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#redirect-uri-mismatch2',
  ],
  bad_verification_code: ['The code passed is incorrect or expired.', `${TROUBLESHOOT}/#bad-verification-code`],
  unsupported_grant_type: ['The grant type is not supported by this fake; only authorization_code is.', TROUBLESHOOT],
};

/**
 * GitHub's rule for an OAuth app's callback URL: same scheme, host (or a sub-domain of it) and port, and a path equal to
 * or below the registered one. GitHub also lets a loopback redirect use any port; the fake does not, so a test whose
 * NEXTAUTH_URL port disagrees with the registered callback fails here instead of passing by accident.
 */
export function redirectMatches(registered: string, requested: string): boolean {
  let r: URL;
  let q: URL;
  try {
    r = new URL(registered);
    q = new URL(requested);
  } catch {
    return false;
  }
  // A callback URL has no business carrying a fragment or user-info; refusing them closes odd parsing tricks early.
  if (q.hash || q.username || q.password) return false;
  if (q.protocol !== r.protocol || q.port !== r.port) return false;
  const subdomainOk = isIP(r.hostname.replace(/^\[|\]$/g, '')) === 0 && q.hostname.endsWith(`.${r.hostname}`);
  if (q.hostname !== r.hostname && !subdomainOk) return false;
  const base = r.pathname.endsWith('/') ? r.pathname : `${r.pathname}/`;
  return q.pathname === r.pathname || q.pathname.startsWith(base);
}

/** GitHub accepts scopes separated by spaces or commas, and reports the granted ones comma-separated. */
export function parseScopes(raw: string | null | undefined): string[] {
  return [...new Set((raw ?? '').split(/[\s,]+/).filter(Boolean))];
}

export function authorize(state: GitHubState, url: URL, res: ServerResponse): void {
  const p = url.searchParams;
  const client = state.clients.get(p.get('client_id') ?? '');
  if (!client) return sendHtml(res, 404, 'Not Found', '<h1>404</h1><p>No OAuth application has this client_id.</p>');

  // Without redirect_uri GitHub uses the app's registered callback URL.
  const redirectUri = p.get('redirect_uri') ?? client.redirectUris[0];
  if (!client.redirectUris.some((r) => redirectMatches(r, redirectUri))) {
    return sendHtml(res, 400, 'Redirect URI mismatch', `<h1>The redirect_uri is not associated with this application.</h1><p>${escapeHtml(redirectUri)}</p>`);
  }

  const method = p.get('code_challenge_method') ?? 'plain';
  const challenge = p.get('code_challenge') ?? undefined;
  if (challenge && method !== 'S256' && method !== 'plain') {
    return redirectTo(res, redirectUri, { error: 'invalid_request', error_description: 'Unsupported code_challenge_method.' }, p);
  }

  // An explicit ?login= (GitHub's own "suggest this account" parameter) wins and leaves setNextLogin's choice in place.
  const login = p.get('login') || state.takeNextLogin();
  if (!login) return chooser(state, url, res, redirectUri);
  const user = state.user(login);
  if (!user) return sendHtml(res, 400, 'Unknown user', `<h1>No user ${escapeHtml(login)} on this fake GitHub.</h1>`);

  const grant = state.issueCode({
    clientId: client.clientId,
    redirectUri,
    login: user.login,
    scopes: parseScopes(p.get('scope')),
    codeChallenge: challenge,
    codeChallengeMethod: challenge ? (method as 'S256' | 'plain') : undefined,
  });
  redirectTo(res, redirectUri, { code: grant.code }, p);
}

/** 302 to the client with the given fields, echoing `state` exactly as received. */
function redirectTo(res: ServerResponse, redirectUri: string, fields: Record<string, string>, p: URLSearchParams): void {
  const target = new URL(redirectUri);
  for (const [k, v] of Object.entries(fields)) target.searchParams.set(k, v);
  const st = p.get('state');
  if (st !== null) target.searchParams.set('state', st);
  res.writeHead(302, { location: target.toString() });
  res.end();
}

/** For a human at the keyboard: one button per user, and a Cancel that answers like GitHub's "deny". */
function chooser(state: GitHubState, url: URL, res: ServerResponse, redirectUri: string): void {
  const hidden = [...url.searchParams]
    .filter(([k]) => k !== 'login')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const users = [...state.users.values()];
  const buttons = users.length
    ? users.map((u) => `<button name="login" value="${escapeHtml(u.login)}">Sign in as ${escapeHtml(u.login)}</button>`).join(' ')
    : '<p>No users yet: add some through the control API (POST /_control/addUser).</p>';
  const deny = new URL(redirectUri);
  deny.searchParams.set('error', 'access_denied');
  deny.searchParams.set('error_description', 'The user has denied your application access.');
  deny.searchParams.set('error_uri', 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#access-denied');
  const st = url.searchParams.get('state');
  if (st !== null) deny.searchParams.set('state', st);
  sendHtml(
    res,
    200,
    'Authorize application',
    `<h1>Fake GitHub: authorize ${escapeHtml(url.searchParams.get('client_id') ?? '')}</h1>` +
      `<form method="get" action="/login/oauth/authorize">${hidden}${buttons}</form>` +
      `<p><a href="${escapeHtml(deny.toString())}">Cancel</a></p>`,
  );
}

export async function accessToken(state: GitHubState, req: IncomingMessage, url: URL, res: ServerResponse): Promise<void> {
  // GitHub reads the parameters from the query string as well as the body; some clients still send them that way.
  const fields = { ...Object.fromEntries(url.searchParams), ...parseFields(await readBody(req), req.headers['content-type']) };
  const wantsJson = (req.headers.accept ?? '').includes('application/json');
  const reply = (body: Record<string, string>) => {
    const text = wantsJson ? JSON.stringify(body) : new URLSearchParams(body).toString();
    res.writeHead(200, {
      'content-type': wantsJson ? 'application/json; charset=utf-8' : 'application/x-www-form-urlencoded; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  const fail = (error: string, description?: string) => {
    const [desc, uri] = ERRORS[error];
    reply({ error, error_description: description ?? desc, error_uri: uri });
  };

  const basic = basicCredentials(req.headers.authorization);
  if (basic && fields.client_id && fields.client_id !== basic.id) return fail('incorrect_client_credentials');
  const clientId = basic?.id ?? fields.client_id ?? '';
  const secret = basic?.secret ?? fields.client_secret ?? '';
  const client = state.clients.get(clientId);
  if (!client || client.clientSecret !== secret) return fail('incorrect_client_credentials');
  if (fields.grant_type && fields.grant_type !== 'authorization_code') return fail('unsupported_grant_type');

  const grant = state.grants.get(fields.code ?? '');
  if (!grant || grant.used || grant.expiresAt <= Date.now() || grant.clientId !== client.clientId) {
    return fail('bad_verification_code');
  }
  if (fields.redirect_uri && fields.redirect_uri !== grant.redirectUri) return fail('redirect_uri_mismatch');
  if (grant.codeChallenge && !pkceMatches(grant.codeChallenge, grant.codeChallengeMethod, fields.code_verifier)) {
    return fail('bad_verification_code', 'The code_verifier does not match the code_challenge.');
  }
  grant.used = true;
  const token = state.issueToken(grant);
  reply({ access_token: token.token, token_type: 'bearer', scope: token.scopes.join(',') });
}

/**
 * HTTP Basic client authentication (openid-client, under next-auth, uses it by default). RFC 6749 §2.3.1 has the id
 * and secret form-urlencoded before base64, so they are decoded the same way.
 */
function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const unform = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
}

function pkceMatches(challenge: string, method: 'S256' | 'plain' | undefined, verifier: string | undefined): boolean {
  if (!verifier) return false;
  const computed = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return computed === challenge;
}
