import { reply } from '@/lib/api-contract';
import { AuditQuerySchema } from '@/lib/schemas/auth';
import { listAudit, toCsv } from '@/server/audit/log';
import { toAuditView } from '@/server/auth/admin';
import { parse, queryOf, route } from '@/server/http/handler';

export const dynamic = 'force-dynamic';

/** The audit log, newest first, filtered; `format=csv` or `format=json` with `download=1` for an export file. */
export const GET = route('admin', async ({ req, berth }) => {
  const q = parse(AuditQuerySchema, queryOf(req));
  const rows = await listAudit(berth.db, q);
  const download = new URL(req.url).searchParams.get('download') === '1';
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  if (q.format === 'csv') {
    return new Response(toCsv(rows), {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="berth-audit-${stamp}.csv"` },
    });
  }
  const body = reply('GET /api/v1/audit', { entries: rows.map(toAuditView) });
  return download
    ? new Response(JSON.stringify(body, null, 2), {
        headers: { 'content-type': 'application/json', 'content-disposition': `attachment; filename="berth-audit-${stamp}.json"` },
      })
    : body;
});
