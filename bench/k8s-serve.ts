/**
 * Serves a generated cluster through the test Kubernetes API server (test/k8s-server/) in its own process, so the
 * server's memory and CPU never count in the collector's measurement. `node k8s-serve.js DIR`: prints one JSON
 * line `{url, token, caPem}` when listening; then answers `count` on stdin with `{requests}` and exits on `close`
 * (or when stdin ends).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startTestApiServer } from '../test/k8s-server/server';
import type { ClusterIndex } from './gen/write-cluster';

async function main(): Promise<void> {
  const dir = process.argv[2];
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as ClusterIndex;
  const objects: unknown[] = [];
  for (const r of index.resources)
    for (const f of r.pages) {
      const list = JSON.parse(readFileSync(join(dir, 'pages', f), 'utf8')) as { items: unknown[] };
      objects.push(...list.items);
    }
  const api = await startTestApiServer({ objects, maxLimit: 500 });
  objects.length = 0;
  process.stdout.write(`${JSON.stringify({ url: api.url, token: api.token, caPem: api.caPem })}\n`);
  const rl = createInterface({ input: process.stdin });
  const stop = async () => {
    await api.close();
    process.exit(0);
  };
  rl.on('line', (line) => {
    if (line.trim() === 'count') process.stdout.write(`${JSON.stringify({ requests: api.requests.length })}\n`);
    else if (line.trim() === 'close') void stop();
  });
  rl.on('close', () => void stop());
}

void main().catch((err) => {
  process.stderr.write(`k8s-serve: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
