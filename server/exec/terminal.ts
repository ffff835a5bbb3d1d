import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ContainerRef } from '@/lib/schemas/containers';
import { commandArgs, ExecClientMessageSchema, ExecQuerySchema, type ExecServerMessage } from '@/lib/schemas/exec';
import { enforceExecPolicy } from '../auth/policy-effective';
import { checkOrigin, identify, type Principal, requireRule } from '../auth/policy';
import { writeAudit } from '../audit/log';
import { guardStream } from '../auth/stream-guard';
import { clientIp } from '../audit/request';
import { getBerth } from '../berth';
import { type ExecSession, startExec } from '../docker/exec';
import { forbidden, invalid, isBerthError, STATUS } from '../errors';

export const EXEC_PATH = /^\/api\/v1\/hosts\/([^/]+)\/containers\/([^/]+)\/exec$/;

const wss = new WebSocketServer({ noServer: true, maxPayload: 2 << 20 });

/**
 * The exec terminal's WebSocket upgrade. Origin and authorization are checked on the HTTP request, before the
 * upgrade is accepted; problems after that (container stopped, shell missing) arrive as an `error` message so the
 * browser can tell them apart from an upgrade that never got through (a proxy dropping it).
 */
export async function handleExecUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const m = EXEC_PATH.exec(url.pathname);
  if (!m) return refuse(socket, 404, 'Not found');
  const [hostId, containerId] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
  const webReq = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, { headers: toHeaders(req.headers), method: 'GET' });
  let principal: Principal | undefined;
  try {
    // A browser always sends Origin on a WebSocket; a foreign page must not open a shell with the user's cookies.
    if (!webReq.headers.get('origin')) throw forbidden('A terminal needs an Origin header: open it from the Berth page');
    checkOrigin(webReq, (await getBerth()).config.auth.publicUrl);
    principal = await identify(webReq);
    requireRule(principal, 'operate', hostId);
    // the REST routes take only an id or a name; so does the terminal, before the id reaches an Engine URL
    if (!ContainerRef.safeParse(containerId).success) throw invalid(`"${containerId.slice(0, 80)}" is not a container id or name`);
    await enforceExecPolicy(await getBerth(), principal, hostId, containerId);
  } catch (e) {
    const kind = isBerthError(e) ? e.kind : 'forbidden';
    await auditExec(webReq, hostId, containerId, principal, STATUS[kind] ?? 403, (e as Error).message);
    return refuse(socket, STATUS[kind] ?? 403, (e as Error).message);
  }
  await auditExec(webReq, hostId, containerId, principal, 101, null);
  wss.handleUpgrade(req, socket, head, (ws) => {
    // a shell outlives its page's sign-in check: end it when the user loses access (revoked, disabled, demoted)
    const stop = guardStream(webReq, 'operate', hostId, (reason) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'error', message: `Access lost: ${reason}` }));
      ws.close(4401, 'access lost');
    });
    ws.on('close', stop);
    void runSession(ws, hostId, containerId, url.searchParams);
  });
}

async function runSession(ws: WebSocket, hostId: string, containerId: string, params: URLSearchParams): Promise<void> {
  const say = (msg: ExecServerMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(msg));
  // The browser types as soon as the socket opens; hold its messages until the exec process exists.
  const early: { data: unknown; isBinary: boolean }[] = [];
  let onMessage = (data: unknown, isBinary: boolean) => void early.push({ data, isBinary });
  ws.on('message', (data, isBinary) => onMessage(data, isBinary));
  let wsClosed = false;
  ws.on('close', () => (wsClosed = true));

  const q = ExecQuerySchema.safeParse(Object.fromEntries(params));
  if (!q.success) {
    say({ type: 'error', message: q.error.issues.map((i) => i.message).join('; ') });
    return ws.close(4400, 'invalid');
  }
  const cmd = commandArgs(q.data.cmd);
  let s: ExecSession;
  try {
    const rt = (await getBerth()).fleet.runtime(hostId);
    s = await startExec(rt.engine, containerId, { cmd, user: q.data.user, cols: q.data.cols, rows: q.data.rows });
  } catch (e) {
    say({ type: 'error', message: (e as Error).message });
    return ws.close(4000 + (isBerthError(e) ? STATUS[e.kind] : 500), 'exec failed');
  }
  if (wsClosed) return void s.end();

  let head = '';
  let finished = false;
  s.stream.on('data', (chunk: Buffer) => {
    if (head.length < 4096) head += chunk.toString('utf8');
    if (ws.readyState === ws.OPEN) ws.send(chunk, { binary: true });
  });
  const finish = async () => {
    if (finished) return;
    finished = true;
    const code = await s.exitCode();
    // The runtime reports a missing program only as output and exit code 126/127; say it plainly.
    if ((code === 126 || code === 127) && /executable file not found|no such file or directory/i.test(head)) {
      say({ type: 'error', message: `"${cmd[0]}" does not exist in this container: pick another shell (e.g. sh) or command` });
      return ws.close(4400, 'no such command');
    }
    say({ type: 'exit', code });
    ws.close(1000, 'exited');
  };
  s.stream.on('end', () => void finish());
  s.stream.on('close', () => void finish());
  s.stream.on('error', () => void finish());

  onMessage = (data, isBinary) => {
    if (isBinary) return void s.stream.write(data as Buffer);
    let parsed;
    try {
      parsed = ExecClientMessageSchema.safeParse(JSON.parse(String(data)));
    } catch {
      return;
    }
    if (!parsed.success) return;
    if (parsed.data.type === 'input') s.stream.write(parsed.data.data);
    else void s.resize(parsed.data.cols, parsed.data.rows);
  };
  for (const m of early.splice(0)) onMessage(m.data, m.isBinary);
  // The tab closed (or the network went): end the process on the host, not just the connection.
  ws.on('close', () => {
    if (finished) return;
    finished = true;
    void s.end();
  });
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: { message } });
  socket.end(
    `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Refused'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function toHeaders(h: http.IncomingHttpHeaders): Headers {
  const out = new Headers();
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) out.append(k, x);
  }
  return out;
}

/** Opening a shell is as consequential as any mutation: every attempt, allowed or refused, is audited. */
async function auditExec(req: Request, hostId: string, containerId: string, p: Principal | undefined, status: number, error: string | null): Promise<void> {
  try {
    const cmd = new URL(req.url).searchParams.get('cmd');
    await writeAudit((await getBerth()).db, {
      actor: p?.name ?? 'anonymous',
      actorKind: p ? `${p.userKind}${p.kind === 'token' ? ' token' : ''}` : 'none',
      ip: clientIp(req),
      action: 'exec.open',
      hostId,
      target: `cid=${containerId}`,
      result: status < 400 ? 'ok' : status === 401 || status === 403 ? 'denied' : 'error',
      status,
      error,
      details: { cmd },
    });
  } catch (e) {
    console.error(`berth: could not write the audit entry: ${(e as Error).message}`);
  }
}
