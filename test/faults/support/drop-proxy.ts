import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy on 127.0.0.1 that swallows the next `drop` chat.postMessage requests without forwarding them (Slack never
 * sees them; the client times out) and forwards everything else.
 */
export class DropProxy {
  private server: Server | null = null;
  drop = 0;
  port = 0;
  constructor(private readonly upstream: string) {}
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }
  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      if ((req.url ?? '').startsWith('/api/chat.postMessage') && this.drop > 0) {
        this.drop--;
        return; // never answered, never forwarded
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers[k] = v;
      const answer = await fetch(`${this.upstream}${req.url}`, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }
  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
