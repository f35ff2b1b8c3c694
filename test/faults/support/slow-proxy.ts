/**
 * An HTTP proxy on 127.0.0.1 in front of the local Slack API server: forwards every request, and for chosen
 * methods holds the answer back after Slack has already acted on the request (the client times out, Slack posted).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class SlowProxy {
  private server: Server | null = null;
  port = 0;
  /**
   * Method (`chat.postMessage`) -> how many of its next answers to hold back, and for how long (without `ms`: until
   * the proxy stops, so the client's timeout fires first whatever the machine's load).
   */
  readonly hold = new Map<string, { times: number; ms?: number }>();
  private readonly held = new Set<import('node:http').ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly upstream: string) {}

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers[k] = v;
      let answer: Response;
      try {
        answer = await fetch(`${this.upstream}${req.url}`, {
          method: req.method,
          headers,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
        });
      } catch {
        res.statusCode = 502;
        res.end();
        return;
      }
      const body = Buffer.from(await answer.arrayBuffer());
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(body);
      };
      const method = (req.url ?? '').replace(/^\/api\//, '').replace(/\?.*$/, '');
      const h = this.hold.get(method);
      if (h && h.times > 0) {
        h.times--;
        if (h.ms === undefined) {
          this.held.add(res);
          return;
        }
        const t = setTimeout(() => {
          this.timers.delete(t);
          send();
        }, h.ms);
        this.timers.add(t);
        return;
      }
      send();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    for (const res of this.held) res.destroy();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}
