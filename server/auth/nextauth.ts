import type { AuthOptions, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GithubProvider from 'next-auth/providers/github';
import type { Berth } from '../berth';
import { writeAudit } from '../audit/log';
import { fetchMembership, fetchProfile } from './github';
import { checkLocalLogin } from './local-login';
import { createSession, revokeSession } from './sessions';
import { touchSignIn, upsertGithubUser } from './users';

type BerthUser = User & { berthId?: string };

/**
 * next-auth runs the sign-in flows (the local form and GitHub's OAuth web flow with state and PKCE checks); Berth
 * keeps the session itself: the cookie's JWT carries only a session id, looked up on every request (see
 * credentials.ts), so sessions can be revoked server-side.
 */
export function authOptions(berth: Berth, ip: string | null): AuthOptions {
  const { auth } = berth.config;
  const gh = auth.github;
  const providers: AuthOptions['providers'] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Berth account',
      credentials: { username: { label: 'User name', type: 'text' }, password: { label: 'Password', type: 'password' } },
      async authorize(creds) {
        if (!creds?.username || !creds.password) return null;
        try {
          const user = await checkLocalLogin(berth, creds.username, creds.password, ip, 'form');
          return { id: user.id, name: user.username, berthId: user.id } as BerthUser;
        } catch (e) {
          // next-auth shows ?error=<message> on the sign-in page for a thrown error
          throw new Error((e as Error).message);
        }
      },
    }),
  ];
  if (gh) {
    providers.push(
      GithubProvider({
        clientId: gh.clientId,
        clientSecret: gh.clientSecret,
        issuer: gh.webUrl,
        checks: ['state', 'pkce'],
        authorization: { url: `${gh.webUrl}/login/oauth/authorize`, params: { scope: 'read:user read:org' } },
        token: `${gh.webUrl}/login/oauth/access_token`,
        // The stock provider hard-codes api.github.com for e-mails; Berth needs only the profile, from the configured API.
        userinfo: {
          url: `${gh.apiUrl}/user`,
          async request({ tokens }) {
            const p = await fetchProfile(gh, tokens.access_token ?? '');
            if (!p) throw new Error('GitHub refused the new token');
            return { id: Number(p.id), login: p.login, name: p.name ?? undefined };
          },
        },
        profile: (p: { id: number; login: string; name: string | null }) => ({ id: String(p.id), name: p.login, email: null, image: null }),
      }),
    );
  }
  return {
    secret: berth.authSecret,
    session: { strategy: 'jwt', maxAge: auth.sessionHours * 3600 },
    pages: { signIn: '/login', error: '/login' },
    providers,
    logger: { error: (code) => console.warn(`berth: sign-in: ${code}`), warn: () => {}, debug: () => {} },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== 'github' || !gh) return true;
        const p = profile as unknown as { id: number; login: string; name?: string | null };
        const m = await fetchMembership(gh, account.access_token ?? '');
        if (!m || m.orgs.length === 0) {
          await writeAudit(berth.db, {
            actor: p.login,
            actorKind: 'github',
            ip,
            action: 'auth.login.github',
            result: 'denied',
            status: 403,
            error: `not a member of ${gh.orgs.join(', ')}`,
          });
          return false;
        }
        const row = await upsertGithubUser(berth.db, {
          id: String(p.id),
          login: p.login,
          name: p.name ?? null,
          sealedToken: berth.box.seal(account.access_token ?? ''),
          teams: m.teams,
        });
        if (row.disabled) return false;
        (user as BerthUser).berthId = row.id;
        return true;
      },
      async jwt({ token, user, account }) {
        const uid = (user as BerthUser | undefined)?.berthId;
        if (account && uid) {
          const session = await createSession(berth.db, uid, auth.sessionHours, ip);
          await touchSignIn(berth.db, uid);
          await writeAudit(berth.db, {
            actor: user.name ?? uid,
            actorKind: account.provider === 'github' ? 'github' : 'local',
            ip,
            action: `auth.login.${account.provider === 'github' ? 'github' : 'form'}`,
            result: 'ok',
          });
          return { sid: session.id, name: user.name };
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { name: token.name } };
      },
      async redirect({ url, baseUrl }) {
        return safeRedirect(url, baseUrl);
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === 'string') await revokeSession(berth.db, token.sid, 'signed out');
      },
    },
  };
}

/** Only paths on this Berth: an external or malformed callbackUrl lands on the home page, never elsewhere. */
export function safeRedirect(url: string, baseUrl: string): string {
  try {
    if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return new URL(url, baseUrl).toString();
    const u = new URL(url);
    if (u.origin === new URL(baseUrl).origin) return u.toString();
  } catch {
    // malformed: fall through
  }
  return baseUrl;
}
