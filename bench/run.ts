/**
 * `npm run bench [-- --quick] [--clusters 1000,10000] [--fleets 100] [--snapshots 10000]
 * [--only cluster,diff,fleet,coldstart,cli,reach,scaleout] [--runs N] [--packaged DIR] [--param key=value] [--data DIR] [--out FILE]
 * [--seed N]`
 *
 * Generates deterministic inputs (cached under DIR, default the OS temp folder), runs every measurement in its own
 * child process (so peak RSS belongs to one measurement), measures the JSON.parse floor of the same bodies in the
 * same run, prints a table and writes bench/results.json: `{ machine, date, runs, targets }`. Targets are reported
 * met or missed; the exit code is 0 either way (the bench informs, it does not gate CI). With `--only` naming some of
 * the measurements, the rows and targets of the others are kept from the file, each row saying when it was measured.
 *
 * coldstart: the init of every Lambda function's bundle (bench/coldstart.ts), `--runs` fresh processes each (15, or 7
 * with --quick); the bundles are built as serverless.yml builds them (`--param sourceMaps=true` and the like apply
 * stage parameters), or taken from a `serverless package --package DIR` run with `--packaged DIR`.
 *
 * cli: the start of `compliance-bot --help` and `compliance-bot scan --help` from the build `npm ci` makes
 * (bench/cli-start.ts), `--runs` fresh processes each, against the `node -e 0` floor of the same run.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { unzipTo } from '../test/deploy/sls';
import { cliStartTimes } from './cli-start';
import { bundleFunctions, handlerFile, initTimes, serverlessBuild } from './coldstart';
import { planCluster } from './gen/cluster';
import { type ReachBenchIndex, writeReachCluster } from './gen/reach';
import { writeSnapshotPair } from './gen/snapshot';
import { type ClusterIndex, writeCluster } from './gen/write-cluster';
import { type Failure, type Measurement, round } from './lib/measure';
import { mergeInto } from './merge';
import { costAt, PRICES, simulateNight } from './scaleout';

/** Bump when a generator changes: cached inputs of another version are regenerated. */
const GENERATOR_VERSION = 3;
const PAGE_SIZE = 500;

interface Options {
  clusters: number[];
  fleets: number[];
  snapshots: number[];
  only: Set<string>;
  data: string;
  out: string;
  seed: number;
  /** Fresh processes per function (coldstart). */
  runs: number;
  /** A `serverless package --package DIR` output to measure instead of bundling (coldstart). */
  packaged?: string;
  /** Stage parameters for the bundles (coldstart), as `--param key=value`. */
  params: Record<string, string>;
}

export interface Run {
  phase: string;
  size: number;
  unit: 'objects' | 'hosts' | 'results' | 'runs';
  status: 'ok' | 'skipped' | 'error';
  ms?: number;
  peakRssMb?: number;
  apiCalls?: number;
  /** The JSON.parse floor of the same bodies, measured in this run. */
  floorMs?: number;
  ratio?: number;
  steps?: Measurement['steps'];
  extra?: Record<string, unknown>;
  reason?: string;
}

export interface Target {
  name: string;
  value: number | null;
  limit: number;
  met: boolean;
  note?: string;
}

const root = findRoot();

function findRoot(): string {
  let dir = process.cwd();
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'bench', 'run.ts')) && existsSync(join(dir, 'package.json'))) return dir;
    dir = resolve(dir, '..');
  }
  return process.cwd();
}

function parseArgs(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const list = (name: string, dflt: number[]) => {
    const v = value(name);
    if (v === undefined) return dflt;
    return v
      .split(',')
      .filter(Boolean)
      .map((x) => {
        const n = Number(x.replace(/k$/i, '000').replace(/m$/i, '000000'));
        if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}: ${x} is not a positive size`);
        return n;
      });
  };
  return {
    clusters: list('--clusters', quick ? [1000] : [1000, 10_000, 100_000]),
    fleets: list('--fleets', quick ? [100] : [100, 1000, 10_000]),
    snapshots: list('--snapshots', quick ? [10_000] : [10_000, 100_000, 1_000_000]),
    only: new Set((value('--only') ?? ALL_MEASUREMENTS.join(',')).split(',')),
    data: resolve(value('--data') ?? join(tmpdir(), 'compliance-bot-bench')),
    out: resolve(value('--out') ?? join(root, 'bench', 'results.json')),
    seed: Number(value('--seed') ?? 42),
    runs: Number(value('--runs') ?? (quick ? 7 : 15)),
    ...(value('--packaged') ? { packaged: resolve(value('--packaged')!) } : {}),
    params: Object.fromEntries(
      argv.flatMap((a, i) => (argv[i - 1] === '--param' ? [a.split(/=(.*)/s).slice(0, 2) as [string, string]] : [])),
    ),
  };
}

const ALL_MEASUREMENTS = ['cluster', 'diff', 'fleet', 'coldstart', 'cli', 'reach', 'scaleout'];

/** Reachability: workloads and NetworkPolicies of the synthetic cluster (bench/gen/reach.ts). */
const REACH_WORKLOADS = 10_000;
const REACH_POLICIES = 2_000;
/** The map of the whole cluster, parse and reduction included, against the JSON.parse floor of its list bodies. */
const REACH_RATIO_LIMIT = 10;
const REACH_RSS_LIMIT_MB = 512;

/** Bundles a bench entry point with esbuild (as bin/run-ts.js does) so children start without a TypeScript step. */
function bundle(entry: string): string {
  const esbuild = require('esbuild') as typeof import('esbuild');
  const outdir = join(root, 'node_modules', '.cache', 'compliance-bot');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `bench-${entry.replace(/\W+/g, '-')}.js`);
  esbuild.buildSync({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'error',
    loader: { '.sh': 'text', '.txt': 'text' },
    external: ['esbuild', 'fsevents'],
  });
  return outfile;
}

let measureJs = '';

/** One measurement in a fresh process. */
function measure(phase: string, args: Record<string, unknown>, heapMb?: number): Measurement | Failure {
  const node = [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), measureJs, phase, JSON.stringify(args)];
  const child = spawnSync(process.execPath, node, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const last = (child.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as Measurement | Failure;
  } catch {
    return {
      ok: false,
      error: `${phase} exited with ${child.status ?? child.signal}: ${(child.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`,
    };
  }
}

function log(s: string): void {
  process.stderr.write(`${s}\n`);
}

function clusterData(opts: Options, size: number): { dir: string; index: ClusterIndex } {
  const dir = join(opts.data, `v${GENERATOR_VERSION}`, `cluster-${size}-seed${opts.seed}`);
  const file = join(dir, 'index.json');
  if (!existsSync(file)) {
    log(`generating a cluster of ${size} objects...`);
    writeCluster(planCluster(size, opts.seed), dir, PAGE_SIZE);
  }
  return { dir, index: JSON.parse(readFileSync(file, 'utf8')) as ClusterIndex };
}

function skipped(phase: string, size: number, unit: Run['unit'], reason: string): Run {
  return { phase, size, unit, status: 'skipped', reason };
}

function toRun(phase: string, size: number, unit: Run['unit'], m: Measurement | Failure, floorMs?: number): Run {
  if (!m.ok) {
    const skip = /^(Error: )?skipped: /.test(m.error);
    return {
      phase,
      size,
      unit,
      status: skip ? 'skipped' : 'error',
      reason: skip
        ? m.error.replace(/^(Error: )?skipped: /, '').split('\n')[0]
        : m.error.split('\n').slice(0, 4).join(' | '),
    };
  }
  return {
    phase,
    size,
    unit,
    status: 'ok',
    ms: m.ms,
    peakRssMb: m.peakRssMb,
    ...(m.apiCalls !== undefined ? { apiCalls: m.apiCalls } : {}),
    ...(floorMs !== undefined ? { floorMs, ratio: round(m.ms / floorMs, 2) } : {}),
    steps: m.steps,
    ...(m.extra ? { extra: m.extra } : {}),
  };
}

async function startServer(
  dir: string,
): Promise<{ child: ChildProcess; info: { url: string; token: string; caPem: string }; count(): Promise<number> }> {
  const serveJs = bundle('bench/k8s-serve.ts');
  const child = spawn(process.execPath, ['--max-old-space-size=8192', serveJs, dir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = () =>
    new Promise<string>((ok, fail) => {
      waiting.push(ok);
      child.once('exit', (code) => fail(new Error(`the test API server exited (${code})`)));
    });
  const info = JSON.parse(await next()) as { url: string; token: string; caPem: string };
  return {
    child,
    info,
    async count() {
      const p = next();
      child.stdin!.write('count\n');
      return (JSON.parse(await p) as { requests: number }).requests;
    },
  };
}

async function clusterRuns(opts: Options, size: number): Promise<Run[]> {
  const runs: Run[] = [];
  const { dir, index } = clusterData(opts, size);
  const pages = join(dir, 'pages');
  const files = index.resources.flatMap((r) => r.pages);
  log(
    `cluster ${size}: ${index.objects} objects, ${round(index.bytes / 1e6)} MB of list bodies in ${files.length} pages`,
  );

  const floor = measure('floor-pages', { dir: pages, files });
  const floorMs = floor.ok ? floor.ms : undefined;
  runs.push(toRun('floor: JSON.parse (files)', size, 'objects', floor));
  runs.push(toRun('facts+evaluate+render (files)', size, 'objects', measure('pipeline-pages', { dir }), floorMs));
  runs.push(toRun('collect (--manifests)', size, 'objects', measure('manifests', { dir: pages }), floorMs));

  // Live: through the test API server, in its own process.
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    server = await startServer(dir);
    const live = join(dir, 'live');
    const before = await server.count();
    const cap = measure('capture', { ...server.info, dir: live, pageSize: PAGE_SIZE });
    const minimumCalls = (await server.count()) - before;
    if (!cap.ok) {
      runs.push(toRun('e2e live', size, 'objects', cap));
    } else {
      const liveFiles = JSON.parse(readFileSync(join(live, 'files.json'), 'utf8')) as string[];
      const lfloor = measure('floor-pages', { dir: live, files: liveFiles });
      const lfloorMs = lfloor.ok ? lfloor.ms : undefined;
      runs.push(toRun('floor: JSON.parse (API bodies)', size, 'objects', lfloor));
      const b = await server.count();
      const m = measure('live', { ...server.info, pageSize: PAGE_SIZE });
      const calls = (await server.count()) - b;
      const run = toRun('e2e live: collect+facts+evaluate+render', size, 'objects', m, lfloorMs);
      if (run.status === 'ok') {
        run.apiCalls = calls;
        run.extra = { ...run.extra, minimumApiCalls: minimumCalls + 1 /* /version */ };
      }
      runs.push(run);
    }
  } catch (err) {
    runs.push(skipped('e2e live: collect+facts+evaluate+render', size, 'objects', `test API server: ${String(err)}`));
  } finally {
    server?.child.stdin?.end();
    server?.child.kill();
  }
  return runs;
}

function diffRuns(opts: Options, size: number): Run[] {
  const dir = join(opts.data, `v${GENERATOR_VERSION}`, `snapshots-${size}-seed${opts.seed}`);
  if (!existsSync(join(dir, 'waivers.json'))) {
    log(`generating two snapshots of ${size} results...`);
    writeSnapshotPair(size, opts.seed, dir);
  }
  const heap = size >= 500_000 ? 8192 : undefined;
  const floor = measure('floor-snapshot', { file: join(dir, 'current.json') }, heap);
  const runs = [toRun('floor: JSON.parse (snapshot)', size, 'results', floor)];
  runs.push(toRun('diff: compare', size, 'results', measure('diff', { dir }, heap), floor.ok ? floor.ms : undefined));
  return runs;
}

function reachRuns(opts: Options): Run[] {
  const dir = join(opts.data, `v${GENERATOR_VERSION}`, `reach-${REACH_WORKLOADS}-${REACH_POLICIES}-seed${opts.seed}`);
  const indexFile = join(dir, 'index.json');
  if (!existsSync(indexFile)) {
    log(`generating ${REACH_WORKLOADS} workloads and ${REACH_POLICIES} NetworkPolicies...`);
    writeReachCluster(REACH_WORKLOADS, REACH_POLICIES, opts.seed, dir);
  }
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as ReachBenchIndex;
  log(`reach: ${index.workloads} workloads, ${index.policies} policies, ${round(index.bytes / 1e6)} MB of list bodies`);
  const floor = measure('floor-reach', { dir, files: index.files });
  const runs = [toRun('floor: JSON.parse (reach lists)', index.workloads, 'objects', floor)];
  runs.push(
    toRun(
      'reach: parse+reduce+map+count',
      index.workloads,
      'objects',
      measure('reach', { dir, files: index.files }),
      floor.ok ? floor.ms : undefined,
    ),
  );
  return runs;
}

function reachTargets(runs: Run[]): Target[] {
  const run = runs.find((r) => r.phase === 'reach: parse+reduce+map+count' && r.status === 'ok');
  const steps = run?.steps?.map((st) => `${st.name} ${Math.round(st.ms)} ms`).join(', ') ?? '';
  const extra = run?.extra ?? {};
  return [
    {
      name: `reachability of ${REACH_WORKLOADS} workloads and ${REACH_POLICIES} policies / JSON.parse floor`,
      value: run?.ratio ?? null,
      limit: REACH_RATIO_LIMIT,
      met: run?.ratio !== undefined && run.ratio <= REACH_RATIO_LIMIT,
      note: `${steps}; ${String(extra.groups)} groups, ${String(extra.workloadPairs)} allowed workload pairs counted without producing them.`,
    },
    {
      name: `reachability of ${REACH_WORKLOADS} workloads peak RSS (MB)`,
      value: run?.peakRssMb ?? null,
      limit: REACH_RSS_LIMIT_MB,
      met: run?.peakRssMb !== undefined && run.peakRssMb < REACH_RSS_LIMIT_MB,
    },
  ];
}

function fleetRuns(opts: Options, size: number): Run[] {
  return [toRun('fleet: SSM collect', size, 'hosts', measure('fleet', { hosts: size, seed: opts.seed }))];
}

/** The nightly run at scale on a virtual clock (bench/scaleout.ts): 1,000 clusters, 100,000 hosts in 20 groups. */
const SCALEOUT = { clusters: 1000, objects: [1000, 100_000] as [number, number], hosts: 100_000, hostGroups: 20 };
const SCALEOUT_CONCURRENCY = 50;

function scaleoutRuns(): Run[] {
  const night = simulateNight({ ...SCALEOUT, maxConcurrency: SCALEOUT_CONCURRENCY });
  const costs = Object.fromEntries([10, 100, 1000, 100_000].map((n) => [n, costAt(n)]));
  return [
    {
      phase: `scaleout: nightly run, ${SCALEOUT.clusters} clusters + ${SCALEOUT.hosts} hosts, MaxConcurrency ${SCALEOUT_CONCURRENCY} (simulated)`,
      size: SCALEOUT.hosts,
      unit: 'hosts',
      status: 'ok',
      ms: night.nightMs,
      apiCalls: night.apiCalls,
      extra: {
        ...night,
        prices: PRICES,
        costByNodes: Object.fromEntries(
          Object.entries(costs).map(([n, c]) => [
            n,
            {
              monthlyUsd: c.monthlyUsd,
              usdPer1000NodesMonth: c.usdPer1000NodesMonth,
              items: c.items,
              nightMs: c.nightMs,
            },
          ]),
        ),
      },
    },
  ];
}

function scaleoutTargets(runs: Run[]): Target[] {
  const run = runs.find((r) => r.phase.startsWith('scaleout:') && r.status === 'ok');
  const x = run?.extra as (ReturnType<typeof simulateNight> & Record<string, unknown>) | undefined;
  const nightMin = x ? round(x.nightMs / 60_000, 1) : null;
  return [
    {
      name: `scaleout: night of ${SCALEOUT.clusters} clusters + ${SCALEOUT.hosts} hosts at MaxConcurrency ${SCALEOUT_CONCURRENCY} (minutes, simulated)`,
      value: nightMin,
      limit: 60,
      met: nightMin !== null && nightMin <= 60,
      note: x
        ? `${x.items} items (${x.shards} host-group shards), ${x.invocations} invocations, ${x.stateTransitions} state transitions. Over 40 at once the Map is a Distributed Map (infra/state-machine.js).`
        : undefined,
    },
    {
      name: 'scaleout: longest invocation / its 15-minute budget',
      value: x ? x.longestShareOfBudget : null,
      limit: 0.5,
      met: !!x && x.longestShareOfBudget <= 0.5,
      note: x ? `${x.longestItem}: ${Math.round(x.longestMs / 1000)} s` : undefined,
    },
    {
      name: 'scaleout: SSM + Kubernetes API calls / minimum',
      value: x ? round(x.apiCalls / x.minimumCalls, 3) : null,
      limit: 1.05,
      met: !!x && x.apiCalls / x.minimumCalls <= 1.05,
      note: 'The plan lists each group once by tag and each shard describes only its own nodes by ID (so discovery is paid twice, not once per shard); status polls add the rest.',
    },
    {
      name: 'scaleout: monthly cost per 1,000 nodes (USD, 30 nights)',
      value: x ? x.usdPer1000NodesMonth : null,
      limit: 1,
      met: !!x && x.usdPer1000NodesMonth <= 1,
      note: x ? `$${x.monthlyUsd} a month in all (${JSON.stringify(x.costParts)}); prices: ${PRICES.date}.` : undefined,
    },
  ];
}

function targets(runs: Run[], opts: Options): Target[] {
  const find = (phase: string, size: number) =>
    runs.find((r) => r.phase === phase && r.size === size && r.status === 'ok');
  const out: Target[] = [];
  if (opts.only.has('coldstart')) out.push(...coldstartTargets(runs));
  if (opts.only.has('cli')) out.push(...cliTargets(runs));
  if (opts.only.has('reach')) out.push(...reachTargets(runs));
  if (opts.only.has('scaleout')) out.push(...scaleoutTargets(runs));
  if (!opts.only.has('cluster') && !opts.only.has('diff') && !opts.only.has('fleet')) return out;
  const big = Math.max(...opts.clusters);
  const e2e = find('e2e live: collect+facts+evaluate+render', big) ?? find('facts+evaluate+render (files)', big);
  const how = e2e?.phase.startsWith('e2e') ? 'live API' : 'list bodies from files';
  out.push({
    name: `${big} objects end-to-end (${how}) / JSON.parse floor`,
    value: e2e?.ratio ?? null,
    limit: 3,
    met: e2e?.ratio !== undefined && e2e.ratio <= 3,
  });
  if (e2e?.steps) {
    const parts = e2e.steps.map((st) => `${st.name} ${Math.round(st.ms)} ms`).join(', ');
    const floorX = e2e.floorMs ? `; 3x the floor is ${Math.round(3 * e2e.floorMs)} ms` : '';
    out[out.length - 1].note =
      `${parts}${floorX}. The floor counts JSON.parse only; the run also pays HTTPS transport, the test server (same 2 cores), the reduction, ${checksOf(e2e)} checks and the JSON report.`;
  }
  out.push({
    name: `${big} objects end-to-end peak RSS (MB)`,
    value: e2e?.peakRssMb ?? null,
    limit: 512,
    met: e2e?.peakRssMb !== undefined && e2e.peakRssMb < 512,
  });
  const hosts = Math.max(...opts.fleets);
  const fleet = find('fleet: SSM collect', hosts);
  const minimum = fleet?.extra?.minimumCalls as number | undefined;
  out.push({
    name: `${hosts} hosts: SSM + S3 calls / minimum`,
    value: fleet?.apiCalls !== undefined && minimum ? round(fleet.apiCalls / minimum, 3) : null,
    limit: 1.05,
    met: fleet?.apiCalls !== undefined && !!minimum && fleet.apiCalls / minimum <= 1.05,
  });
  if (fleet?.extra) {
    const by = (fleet.extra.callsByApi ?? {}) as Record<string, number>;
    const pages = Math.ceil(hosts / 50);
    const rounds = Math.round((by.ListCommandInvocations ?? 0) / pages);
    out[out.length - 1].note =
      `${by.ListCommandInvocations ?? 0} ListCommandInvocations calls = about ${rounds} polling rounds x ${pages} pages (a single pass needs ${pages}); throttled retries included. Simulated run time ${Math.round(Number(fleet.extra.simulatedMs) / 1000)} s of the 900 s Lambda budget.`;
  }
  const results = Math.max(...opts.snapshots);
  const diff = find('diff: compare', results);
  out.push({
    name: `diff of ${results} results / JSON.parse floor of the snapshot`,
    value: diff?.ratio ?? null,
    limit: 1,
    met: diff?.ratio !== undefined && diff.ratio <= 1,
  });
  return out;
}

/** Cold-init targets: medians on this machine, the Slack function's tighter (its answer is due within 3 s). */
const COLD_INIT_LIMIT_MS: Record<string, number> = { slack: 150 };
const DEFAULT_COLD_INIT_LIMIT_MS = 250;

async function coldstartRuns(opts: Options): Promise<Run[]> {
  const build = serverlessBuild(root, opts.params);
  const dir = join(root, 'node_modules', '.cache', 'compliance-bot', 'coldstart');
  let dirs: string[];
  if (opts.packaged) {
    dirs = [];
    for (const f of build.functions) {
      const d = join(dir, f.name);
      rmSync(d, { recursive: true, force: true });
      mkdirSync(d, { recursive: true });
      await unzipTo(join(opts.packaged, `${f.name}.zip`), d);
      dirs.push(d);
    }
  } else {
    dirs = await bundleFunctions(root, build, dir);
  }
  const runs: Run[] = [];
  for (const [i, f] of build.functions.entries()) {
    const file = join(dirs[i], handlerFile(f));
    const before = loadavg()[0];
    try {
      const t = initTimes(file, opts.runs, { nodePath: join(root, 'node_modules'), nodeOptions: build.nodeOptions });
      runs.push({
        phase: `cold init: ${f.name}`,
        size: opts.runs,
        unit: 'runs',
        status: 'ok',
        ms: round(t.median),
        extra: {
          p90Ms: round(t.p90),
          runsMs: t.runs.map((x) => round(x)),
          bundleBytes: statSync(file).size,
          sourceMap: existsSync(`${file}.map`),
          nodeOptions: build.nodeOptions,
          from: opts.packaged ? `packaged zip (${opts.packaged})` : 'esbuild with serverless.yml custom.esbuild',
          loadAverage: [round(before, 2), round(loadavg()[0], 2)],
        },
      });
    } catch (err) {
      runs.push({ phase: `cold init: ${f.name}`, size: opts.runs, unit: 'runs', status: 'error', reason: String(err) });
    }
    log(`cold init ${f.name}: ${runs[runs.length - 1].ms ?? runs[runs.length - 1].reason} ms (median)`);
  }
  return runs;
}

/** The commands whose start is measured, and the limit on the median: a person waits for `--help`. */
const CLI_STARTS = [['--help'], ['scan', '--help']];
const CLI_START_LIMIT_MS = 300;
/** The command's own part of its start, above Node's (`node -e 0` in the same run): what the build can change. */
const CLI_OVER_FLOOR_LIMIT_MS = 100;

function cliRuns(opts: Options): Run[] {
  return CLI_STARTS.map((args) => {
    const phase = `cli start: compliance-bot ${args.join(' ')}`;
    const before = loadavg()[0];
    try {
      const t = cliStartTimes(root, args, opts.runs);
      log(`${phase}: ${round(t.median)} ms (median; node -e 0: ${round(t.floorMedian)} ms)`);
      return {
        phase,
        size: opts.runs,
        unit: 'runs',
        status: 'ok',
        ms: round(t.median),
        floorMs: round(t.floorMedian),
        ratio: round(t.median / t.floorMedian, 2),
        extra: {
          p90Ms: round(t.p90),
          runsMs: t.runs.map((x) => round(x)),
          loadAverage: [round(before, 2), round(loadavg()[0], 2)],
        },
      } satisfies Run;
    } catch (err) {
      return { phase, size: opts.runs, unit: 'runs', status: 'error', reason: String(err) } satisfies Run;
    }
  });
}

function cliTargets(runs: Run[]): Target[] {
  return runs
    .filter((r) => r.phase.startsWith('cli start: '))
    .flatMap((r) => {
      const e = (r.extra ?? {}) as { p90Ms?: number; loadAverage?: number[] };
      const command = r.phase.slice('cli start: '.length);
      const over = r.ms !== undefined && r.floorMs !== undefined ? round(r.ms - r.floorMs) : undefined;
      const overFloor: Target = {
        name: `${command}: start median above node -e 0 (ms)`,
        value: over ?? null,
        limit: CLI_OVER_FLOOR_LIMIT_MS,
        met: over !== undefined && over <= CLI_OVER_FLOOR_LIMIT_MS,
        note: 'Reading the build, checking it is current, loading the parser and the command definitions, printing.',
      };
      const total: Target = {
        name: `${command}: start median (ms)`,
        value: r.ms ?? null,
        limit: CLI_START_LIMIT_MS,
        met: r.ms !== undefined && r.ms <= CLI_START_LIMIT_MS,
        note:
          r.status === 'ok'
            ? `${r.size} fresh processes from spawn to exit, p90 ${e.p90Ms} ms; node -e 0 takes ${r.floorMs} ms in the same run; ${cpus().length} cores shared, 1-minute load average ${e.loadAverage?.join(' -> ')}.`
            : r.reason,
      };
      return [total, overFloor];
    });
}

function coldstartTargets(runs: Run[]): Target[] {
  return runs
    .filter((r) => r.phase.startsWith('cold init: '))
    .map((r) => {
      const fn = r.phase.slice('cold init: '.length);
      const limit = COLD_INIT_LIMIT_MS[fn] ?? DEFAULT_COLD_INIT_LIMIT_MS;
      const e = (r.extra ?? {}) as { p90Ms?: number; loadAverage?: number[]; bundleBytes?: number };
      return {
        name: `${fn}: cold init median (ms)`,
        value: r.ms ?? null,
        limit,
        met: r.ms !== undefined && r.ms <= limit,
        note:
          r.status === 'ok'
            ? `${r.size} fresh processes, p90 ${e.p90Ms} ms; require() of the ${Math.round((e.bundleBytes ?? 0) / 1024)} KB bundle with the runtime's AWS SDK on NODE_PATH; ${cpus().length} cores shared, 1-minute load average ${e.loadAverage?.join(' -> ')} during the runs.`
            : r.reason,
      };
    });
}

const checksOf = (r: Run) => String((r.extra as { checks?: number } | undefined)?.checks ?? '?');

function table(runs: Run[], tgts: Target[]): string {
  const rows = [['phase', 'size', 'status', 'time ms', 'floor ms', 'x floor', 'peak RSS MB', 'API calls']];
  for (const r of runs) {
    rows.push([
      r.phase,
      `${r.size} ${r.unit}`,
      r.status === 'ok' ? 'ok' : `${r.status}: ${(r.reason ?? '').slice(0, 60)}`,
      r.ms !== undefined ? String(r.ms) : '',
      r.floorMs !== undefined ? String(r.floorMs) : '',
      r.ratio !== undefined ? String(r.ratio) : '',
      r.peakRssMb !== undefined ? String(r.peakRssMb) : '',
      r.apiCalls !== undefined ? String(r.apiCalls) : '',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 || i === 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), ''];
  for (const t of tgts) {
    out.push(`${t.met ? 'MET   ' : 'MISSED'} ${t.name}: ${t.value ?? 'not measured'} (limit ${t.limit})`);
    if (t.note && !t.met) out.push(`       ${t.note}`);
  }
  return out.join('\n');
}

function machine() {
  const cpu = cpus();
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    commit: git.status === 0 ? git.stdout.trim() : null,
  };
}

/** The results as Markdown tables (for the README and docs/benchmarks.md): `npm run bench -- --markdown`. */
export function markdown(doc: {
  machine: ReturnType<typeof machine>;
  date: string;
  runs: Run[];
  targets: Target[];
}): string {
  const cell = (x: unknown) => (x === undefined || x === null ? '' : String(x).replace(/\|/g, '\\|'));
  const lines = [
    `Measured ${doc.date.slice(0, 10)} on ${doc.machine.cores} cores (${doc.machine.cpu}), ${doc.machine.memoryGb} GB, Node ${doc.machine.node}.`,
    '',
    '| phase | size | time (ms) | JSON.parse floor (ms) | x floor | peak RSS (MB) | API calls |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of doc.runs) {
    lines.push(
      `| ${cell(r.phase)} | ${r.size.toLocaleString('en-US')} ${r.unit} | ${r.status === 'ok' ? cell(r.ms) : `${r.status}: ${cell(r.reason)}`} | ${cell(r.floorMs)} | ${cell(r.ratio)} | ${cell(r.peakRssMb)} | ${cell(r.apiCalls)} |`,
    );
  }
  lines.push('', '| target | value | limit | met |', '|---|---:|---:|---|');
  for (const t of doc.targets)
    lines.push(`| ${cell(t.name)} | ${cell(t.value)} | ${t.limit} | ${t.met ? 'met' : 'missed'} |`);
  return lines.join('\n');
}

interface Results {
  machine: ReturnType<typeof machine>;
  date: string;
  command: string;
  durationS: number;
  runs: (Run & { measured?: Record<string, unknown> })[];
  targets: Target[];
}

function readResults(file: string): Results {
  return JSON.parse(readFileSync(file, 'utf8')) as Results;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--markdown')) {
    const file = resolve(argv[argv.indexOf('--markdown') + 1] ?? join(root, 'bench', 'results.json'));
    process.stdout.write(`${markdown(JSON.parse(readFileSync(file, 'utf8')))}\n`);
    return;
  }
  const opts = parseArgs(argv);
  const started = Date.now();
  measureJs = bundle('bench/measure.ts');
  const runs: Run[] = [];
  if (opts.only.has('cluster')) for (const n of opts.clusters) runs.push(...(await clusterRuns(opts, n)));
  if (opts.only.has('diff')) for (const n of opts.snapshots) runs.push(...diffRuns(opts, n));
  if (opts.only.has('fleet')) for (const n of opts.fleets) runs.push(...fleetRuns(opts, n));
  if (opts.only.has('coldstart')) runs.push(...(await coldstartRuns(opts)));
  if (opts.only.has('cli')) runs.push(...cliRuns(opts));
  if (opts.only.has('reach')) runs.push(...reachRuns(opts));
  if (opts.only.has('scaleout')) runs.push(...scaleoutRuns());
  const tgts = targets(runs, opts);
  const doc = {
    machine: machine(),
    date: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    durationS: round((Date.now() - started) / 1000),
    runs,
    targets: tgts,
  };
  const partial = ALL_MEASUREMENTS.some((m) => !opts.only.has(m)) && existsSync(opts.out);
  writeFileSync(opts.out, `${JSON.stringify(partial ? mergeInto(readResults(opts.out), doc) : doc, null, 2)}\n`);
  process.stdout.write(`${table(runs, tgts)}\n\nwrote ${opts.out} in ${doc.durationS} s\n`);
}

void main().catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
