/**
 * Store benchmark (not a test): a year of nightly snapshots into the local store and into s3rver, then the cost of
 * latest(), a week of history() and verifyChain() in time and S3 requests. Run from the checkout:
 *   DAYS=365 RESULTS=2000 node bin/run-ts.js test/s3/bench-store.ts
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { fingerprint } from '../../src/core/fingerprint';
import type { Result, Snapshot } from '../../src/core/model';
import { encodeSnapshot } from '../../src/store/codec';
import { LocalSnapshotStore } from '../../src/store/local';
import { S3SnapshotStore } from '../../src/store/s3';
import type { HistoryStore } from '../../src/store/types';
import { verifyChain } from '../../src/store/verify';

const RESULTS = Number(process.env.RESULTS ?? 2000);
const DAYS = Number(process.env.DAYS ?? 365);

function results(day: number): Result[] {
  const out: Result[] = [];
  for (let i = 0; i < RESULTS; i++) {
    const resource = { kind: 'Role', namespace: `ns-${i % 50}`, name: `role-${i}` };
    const status = (i + day) % 7 === 0 ? 'fail' : 'pass';
    out.push({
      checkId: `k8s.rbac.c${i % 20}`,
      status,
      severity: 'high',
      target: 'prod',
      resource,
      message: `Role ns-${i % 50}/role-${i} is fine or not.`,
      fingerprint: fingerprint(`k8s.rbac.c${i % 20}`, 'prod', resource),
    });
  }
  return out;
}

async function fill(store: HistoryStore) {
  let prev: string | null = null;
  const t0 = performance.now();
  for (let d = 0; d < DAYS; d++) {
    const at = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000 + 2 * 3600_000).toISOString();
    const snap: Snapshot = {
      schemaVersion: 1,
      scanId: `${at.replace(/[-:]/g, '').replace(/\.\d+/, '')}-aaaaaa`,
      scope: 'prod',
      startedAt: at,
      finishedAt: at,
      trigger: 'test',
      tool: { name: 'compliance-bot', version: 'bench' },
      targets: [{ name: 'prod', kind: 'cluster', status: 'assessed' }],
      checks: [],
      results: results(d),
      carried: [],
      previousSha256: prev,
    };
    prev = (await store.save(snap)).sha256;
  }
  return (performance.now() - t0) / DAYS;
}

async function measure(name: string, store: HistoryStore, count: () => number) {
  const perSave = await fill(store);
  const sample = encodeSnapshot({
    schemaVersion: 1,
    scanId: 'x',
    scope: 'prod',
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:00Z',
    trigger: 'test',
    tool: { name: 'c', version: 'b' },
    targets: [],
    checks: [],
    results: results(0),
    carried: [],
    previousSha256: null,
  }).bytes.length;
  let c0 = count();
  let t = performance.now();
  const latest = await store.latest('prod');
  const latestMs = performance.now() - t;
  const latestReq = count() - c0;
  c0 = count();
  t = performance.now();
  const week = await store.history('prod', { from: new Date(Date.parse(latest!.snapshot.startedAt) - 7 * 86_400_000) });
  const weekMs = performance.now() - t;
  const weekReq = count() - c0;
  c0 = count();
  t = performance.now();
  const report = await verifyChain(store, 'prod');
  const verifyMs = performance.now() - t;
  const verifyReq = count() - c0;
  console.log(
    JSON.stringify({
      name,
      days: DAYS,
      resultsPerSnapshot: RESULTS,
      gzBytesPerSnapshot: sample,
      saveMs: +perSave.toFixed(1),
      latestMs: +latestMs.toFixed(1),
      latestRequests: latestReq,
      historyWeek: week.length,
      historyWeekMs: +weekMs.toFixed(1),
      historyRequests: weekReq,
      verifyMs: +verifyMs.toFixed(0),
      verifyRequests: verifyReq,
      verifyOk: report.ok,
      links: report.verifiedLinks,
    }),
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cb-bench-'));
  await measure('local', new LocalSnapshotStore(dir), () => 0);
  rmSync(dir, { recursive: true, force: true });

  const sdir = mkdtempSync(join(tmpdir(), 'cb-bench-s3-'));
  const child = spawn(process.execPath, [join(process.cwd(), 'test', 's3', 's3rver-child.js'), sdir, 'bench'], {
    env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port: number = await new Promise((r) => child.stdout!.once('data', (d) => r(JSON.parse(String(d)).port)));
  const s3 = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  let n = 0;
  s3.middlewareStack.add(
    (next) => async (args) => {
      n++;
      return next(args);
    },
    { step: 'finalizeRequest' },
  );
  await measure('s3rver', new S3SnapshotStore(s3, { bucket: 'bench', prefix: 'b/' }), () => n);
  s3.destroy();
  child.stdin!.end();
  await new Promise((r) => child.once('exit', r));
  rmSync(sdir, { recursive: true, force: true });
}
main();
