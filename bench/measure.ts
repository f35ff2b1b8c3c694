/**
 * One measurement per process: `node measure.js PHASE '<json args>'` prints one JSON line (a Measurement or a
 * Failure) on stdout. bench/run.ts starts one child per measurement so peak RSS figures never mix.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { checks } from '../checks';
import { type KubeEndpoint, kubeClusterCollector, LISTS } from '../src/collectors/k8s/live';
import { readManifests } from '../src/collectors/k8s/manifests';
import { KubeFactBuilder } from '../src/collectors/k8s/reduce';
import { silentReporter } from '../src/collectors/types';
import { compare } from '../src/core/diff';
import { evaluateTarget } from '../src/core/engine';
import {
  type FactSet,
  type Result,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  type TargetFacts,
  type TargetSummary,
  type Waiver,
} from '../src/core/model';
import { computeReach } from '../src/core/netpol/reach';
import { renderJson } from '../src/report/json';
import type { ClusterIndex } from './gen/write-cluster';
import { type Failure, type Measurement, Stopwatch } from './lib/measure';

type Args = Record<string, unknown>;
const NOW = new Date('2026-11-30T02:00:00.000Z');

const phases: Record<string, (a: Args) => Promise<Measurement>> = {
  /** The floor: JSON.parse of every list body, one page at a time (as a collector receives them). */
  async 'floor-pages'(a) {
    const dir = String(a.dir);
    const files = a.files as string[];
    const sw = new Stopwatch();
    let ms = 0;
    let items = 0;
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      const t0 = performance.now();
      const body = JSON.parse(text) as { items: unknown[] };
      ms += performance.now() - t0;
      items += body.items.length;
    }
    sw.add('JSON.parse', ms);
    return sw.result({ apiCalls: files.length, extra: { items } });
  },

  /**
   * From list bodies on disk, page at a time: parse, reduce to facts (as the live collector does: managedFields and
   * Secret data dropped), evaluate every check, compare with an empty baseline, render the JSON report.
   */
  async 'pipeline-pages'(a) {
    const dir = String(a.dir);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as ClusterIndex;
    const pagesDir = join(dir, 'pages');
    const sw = new Stopwatch();
    const builder = new KubeFactBuilder({ source: 'live' });
    builder.setVersion({ gitVersion: 'v1.31.2', platform: 'linux/amd64' });
    let parseMs = 0;
    let reduceMs = 0;
    let pages = 0;
    for (const r of index.resources) {
      for (const f of r.pages) {
        const text = readFileSync(join(pagesDir, f), 'utf8');
        const t0 = performance.now();
        const body = JSON.parse(text) as { items: Record<string, unknown>[] };
        const t1 = performance.now();
        for (const obj of body.items) {
          const meta = obj.metadata as Record<string, unknown>;
          delete meta.managedFields;
          if (r.kind === 'Secret') delete obj.data;
          builder.add(obj);
        }
        reduceMs += performance.now() - t1;
        parseMs += t1 - t0;
        pages++;
      }
    }
    sw.add('parse', parseMs);
    sw.add('reduce', reduceMs);
    const facts = await sw.step('finish', () => builder.finish());
    return finishPipeline(
      sw,
      { target: { name: 'bench', kind: 'cluster' }, facts },
      { apiCalls: pages, render: a.render !== false },
    );
  },

  /** `--manifests`: readManifests over the same list bodies as files, then evaluate. */
  async manifests(a) {
    const sw = new Stopwatch();
    const read = await sw.step('readManifests', () => readManifests(String(a.dir)));
    const errors = read.problems.filter((p) => p.level === 'error');
    return finishPipeline(
      sw,
      { target: { name: 'bench', kind: 'cluster' }, facts: read.facts },
      {
        render: false,
        extra: { files: read.files, objects: read.objects, errors: errors.length, firstError: errors[0]?.message },
      },
    );
  },

  /** Live: the collector through the test Kubernetes API server (HTTPS, bearer token, paging), then the rest. */
  async live(a) {
    const sw = new Stopwatch();
    const endpoint: KubeEndpoint = {
      server: String(a.url),
      ca: String(a.caPem),
      authHeaders: async () => ({ authorization: `Bearer ${String(a.token)}` }),
    };
    const collector = kubeClusterCollector('bench', async () => endpoint, { pageSize: Number(a.pageSize ?? 500) });
    const tf = await sw.step('collect', () => collector.collect({ reporter: silentReporter }));
    const failed = Object.entries(tf.facts).filter(([k, f]) => f && !f.ok && k !== 'k8s.anonymousProbe');
    return finishPipeline(sw, tf, {
      render: a.render !== false,
      extra: { failedFacts: failed.map(([k, f]) => `${k}: ${(f as { reason: string }).reason}`) },
    });
  },

  /** Fetches every list page the live collector asks for and keeps the bodies: the floor of the live path. */
  async capture(a) {
    const dir = String(a.dir);
    mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    for (const spec of LISTS) {
      const prefix = spec.group ? `/apis/${spec.group}/${spec.version}` : `/api/${spec.version}`;
      let cont: string | undefined;
      let page = 0;
      do {
        const q = new URLSearchParams({ limit: String(a.pageSize ?? 500) });
        if (cont) q.set('continue', cont);
        const body = await get(`${String(a.url)}${prefix}/${spec.plural}?${q}`, String(a.caPem), String(a.token));
        const file = `${spec.plural}.${page++}.json`;
        writeFileSync(join(dir, file), body);
        files.push(file);
        const meta = (JSON.parse(body) as { metadata?: { continue?: string } }).metadata;
        cont = meta?.continue || undefined;
      } while (cont);
    }
    writeFileSync(join(dir, 'files.json'), JSON.stringify(files));
    return new Stopwatch().result({ apiCalls: files.length });
  },

  /** The floor of the diff: JSON.parse of the current snapshot's bytes. */
  /**
   * Reachability: parse the list bodies, reduce them to facts, compute the map (groups, blocks and specific pairs)
   * and count the allowed workload pairs without producing them, then the paths to and from addresses outside the
   * pods. The JSON.parse of the same bodies is the floor.
   */
  async reach(a) {
    const dir = String(a.dir);
    const files = a.files as string[];
    const sw = new Stopwatch();
    const texts = files.map((f) => readFileSync(join(dir, f), 'utf8'));
    const bodies = await sw.step('JSON.parse', () => texts.map((t) => JSON.parse(t) as { items: unknown[] }));
    const facts = await sw.step('reduce', () => {
      const b = new KubeFactBuilder({ source: 'manifests' });
      for (const body of bodies) for (const o of body.items) b.add(o);
      return b.finish();
    });
    const value = <T>(f: { ok: true; value: T } | { ok: false } | undefined): T => {
      if (!f?.ok) throw new Error('facts not collected');
      return f.value;
    };
    const map = await sw.step('map', () =>
      computeReach({
        namespaces: value(facts['k8s.namespaces']),
        workloads: value(facts['k8s.workloads']),
        policies: value(facts['k8s.networkPolicies']),
      }),
    );
    const pairs = await sw.step('count pairs', () => map.workloadPairCount());
    const external = await sw.step('outside the pods', () =>
      map.groups.reduce((n, g) => n + map.external(g, 'Ingress').length + map.external(g, 'Egress').length, 0),
    );
    return sw.result({ extra: { groups: map.groups.length, workloadPairs: pairs, externalEntries: external } });
  },

  async 'floor-reach'(a) {
    const dir = String(a.dir);
    const texts = (a.files as string[]).map((f) => readFileSync(join(dir, f), 'utf8'));
    const sw = new Stopwatch();
    await sw.step('JSON.parse', () => texts.map((t) => JSON.parse(t) as unknown));
    return sw.result();
  },

  async 'floor-snapshot'(a) {
    const sw = new Stopwatch();
    const text = readFileSync(String(a.file), 'utf8');
    const snap = await sw.step('JSON.parse', () => JSON.parse(text) as Snapshot);
    return sw.result({ extra: { results: snap.results.length, bytes: Buffer.byteLength(text) } });
  },

  /** compare() of two snapshots of N results (both parsed before the clock starts). */
  async diff(a) {
    const dir = String(a.dir);
    const previous = JSON.parse(readFileSync(join(dir, 'previous.json'), 'utf8')) as Snapshot;
    const current = JSON.parse(readFileSync(join(dir, 'current.json'), 'utf8')) as Snapshot;
    const waivers = JSON.parse(readFileSync(join(dir, 'waivers.json'), 'utf8')) as Waiver[];
    const sw = new Stopwatch();
    const out = await sw.step('compare', () =>
      compare(
        previous,
        { startedAt: current.startedAt, targets: current.targets, checks: current.checks, results: current.results },
        waivers,
        NOW,
      ),
    );
    const d = out.diff;
    return sw.result({
      extra: {
        results: current.results.length,
        regressions: d.regressions.length,
        resolved: d.resolved.length,
        unchanged: d.unchanged.length,
        unassessed: d.unassessed.length,
        waived: d.waived.length,
        waivers: waivers.length,
      },
    });
  },

  // Loaded on demand: the AWS SDK it pulls in must not count in the other phases' memory.
  fleet: (a) => (require('./fleet') as typeof import('./fleet')).measureFleet(a),
};

async function finishPipeline(
  sw: Stopwatch,
  tf: TargetFacts,
  opts: { apiCalls?: number; render: boolean; extra?: Record<string, unknown> },
): Promise<Measurement> {
  const results = await sw.step('evaluate', () => evaluateTarget(checks, tf, { now: NOW }));
  const targets: TargetSummary[] = [{ name: tf.target.name, kind: tf.target.kind, status: 'assessed' }];
  const comparison = await sw.step('diff', () =>
    compare(null, { startedAt: NOW.toISOString(), targets, checks: checks.map((c) => c.id), results }, [], NOW),
  );
  let bytes: number | undefined;
  if (opts.render) {
    const snapshot: Snapshot = {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      scanId: '20261130T020000Z-bench0',
      scope: 'bench',
      startedAt: NOW.toISOString(),
      finishedAt: NOW.toISOString(),
      trigger: 'test',
      tool: { name: 'compliance-bot', version: 'bench' },
      targets,
      checks: checks.map((c) => c.id),
      results: comparison.results,
      carried: comparison.carried,
      previousSha256: null,
    };
    bytes = await sw.step('render', () => Buffer.byteLength(renderJson({ snapshot, diff: comparison.diff, checks })));
  }
  return sw.result({
    ...(opts.apiCalls !== undefined ? { apiCalls: opts.apiCalls } : {}),
    extra: { ...summarize(results, tf.facts), ...(bytes !== undefined ? { reportBytes: bytes } : {}), ...opts.extra },
  });
}

function summarize(results: Result[], facts: FactSet) {
  const byStatus: Record<string, number> = {};
  for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const sizes: Record<string, number> = {};
  for (const [k, f] of Object.entries(facts)) {
    if (f?.ok && Array.isArray(f.value)) sizes[k] = f.value.length;
  }
  return { checks: checks.length, results: results.length, byStatus, facts: sizes };
}

function get(url: string, ca: string, token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(Buffer.concat(chunks).toString('utf8'))
          : reject(new Error(`GET ${url}: HTTP ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function main(): Promise<void> {
  const [phase, raw] = process.argv.slice(2);
  const fn = phases[phase];
  let out: Measurement | Failure;
  if (!fn) out = { ok: false, error: `unknown phase ${phase}` };
  else {
    try {
      out = await fn(JSON.parse(raw ?? '{}') as Args);
    } catch (err) {
      out = { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
  }
  process.stdout.write(`\n${JSON.stringify(out)}\n`);
  process.exit(0);
}

void main();
