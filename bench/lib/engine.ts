import http from 'node:http';

export interface RawResponse {
  status: number;
  body: Buffer;
}

/**
 * A minimal Engine API client over a unix socket with node's own http, deliberately not dockerode: the raw side of
 * P1 must be "what any client pays", without a library's extra work, and the fixture code should not depend on the
 * code under test.
 */
export class EngineClient {
  private readonly agent: http.Agent;

  constructor(readonly socketPath: string) {
    // Keep-alive, as a real client (and Berth's own dockerode) would: P1 compares request handling, not handshakes.
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  }

  request(method: string, path: string, body?: unknown): Promise<RawResponse> {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          socketPath: this.socketPath,
          agent: this.agent,
          method,
          path,
          headers: data ? { 'content-type': 'application/json', 'content-length': data.length } : undefined,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${path}: no answer from ${this.socketPath} in 120 s`)));
      req.end(data);
    });
  }

  /** Throws with the Engine's own message on an error status, so a failed fixture step says why. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.request(method, path, body);
    if (r.status >= 400) {
      let msg = r.body.toString('utf8');
      try {
        msg = (JSON.parse(msg) as { message?: string }).message ?? msg;
      } catch {
        // not JSON: keep the text
      }
      throw new Error(`${method} ${path} → ${r.status}: ${msg.trim()}`);
    }
    return (r.body.length ? JSON.parse(r.body.toString('utf8')) : undefined) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  timeNano: number;
}

export interface EventStream {
  events: { action: string; at: number }[];
  close(): void;
}

/**
 * A raw /events subscriber: the ground truth P2 compares Berth against. Resolves once the Engine has answered the
 * request, i.e. once the subscription is in place, so no event after that point can be missed.
 */
export function followEvents(socketPath: string, filters: Record<string, string[]>, now: () => number): Promise<EventStream> {
  const q = encodeURIComponent(JSON.stringify(filters));
  return new Promise((resolve, reject) => {
    const events: EventStream['events'] = [];
    const req = http.request({ socketPath, path: `/events?filters=${q}`, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`/events → ${res.statusCode}`));
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line) events.push({ action: (JSON.parse(line) as EngineEvent).Action, at: now() });
        }
      });
      res.on('error', () => {});
      resolve({ events, close: () => req.destroy() });
    });
    req.on('error', (e) => {
      if (!events.length) reject(e);
    });
    req.end();
  });
}
