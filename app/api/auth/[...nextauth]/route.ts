import NextAuth from 'next-auth';
import { clientIp } from '@/server/audit/request';
import { checkOrigin } from '@/server/auth/policy';
import { authOptions } from '@/server/auth/nextauth';
import { getBerth } from '@/server/berth';
import { errorResponse } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's endpoints (sign-in form post, GitHub's OAuth redirect and callback, sign-out, CSRF token). Public by
 * nature; POSTs must still come from this origin, on top of next-auth's own CSRF token.
 */
async function handler(req: Request, ctx: Ctx): Promise<Response> {
  const berth = await getBerth();
  try {
    if (req.method === 'POST') checkOrigin(req, berth.config.auth.publicUrl);
  } catch (e) {
    return errorResponse(e);
  }
  return NextAuth(req as never, ctx as never, authOptions(berth, clientIp(req))) as Promise<Response>;
}

export { handler as GET, handler as POST };
