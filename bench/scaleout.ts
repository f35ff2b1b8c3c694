/**
 * The `scaleout` entry: a night of the nightly run's state machine (infra/state-machine.js) at scale, simulated on a
 * virtual clock. The plan is the real one (src/app/plan.ts planRun over a generated configuration); each item's
 * duration comes from a latency model of Lambda, the Kubernetes API and SSM below; the Map runs at most
 * `maxConcurrency` items at once, in plan order, as Step Functions starts them. Nothing waits for real time.
 *
 * Model (per invocation, seeded jitter):
 * - Lambda: 400 ms cold start on 1 in 10 invocations; 1% of invocations throttled once, retried after 2 s (the
 *   state machine's backoff).
 * - A cluster of N objects: one list call per kind and page of 500 (12 kinds), 60-160 ms each, 4 lists at once; parsing
 *   and evaluating 0.15 ms per object; storing 300 ms.
 * - The plan lists each host group once (DescribeInstanceInformation by tag, pages of 50, 15-40 ms) and writes each
 *   shard's members to S3 (one PUT per shard); a shard reads them (one GET), describes only its own nodes by ID (50
 *   per call), sends by ID (50 per call), runs the probe 4-12 s per host at 10% of the shard at once, polls the status
 *   every 2-15 s, reads one S3 object per host (10-30 ms, 16 at once), and writes its part (one PUT), which the fan-in
 *   reads back (one GET).
 * - The fan-in of a sharded group: 5 ms per host to evaluate and diff, then store and post (1 s).
 *
 * Prices (USD, AWS public list prices for eu-west-1, as on the pricing pages on 2026-12-07): Step
 * Functions Standard $0.025 per 1,000 state transitions; Lambda arm64 $0.0000133334 per GB-second and $0.20 per
 * million requests; S3 $0.005 per 1,000 PUT and $0.0004 per 1,000 GET; SSM Run Command and the Kubernetes API free.
 */

import { type PlanItem, planRun } from '../src/app/plan';
import { parseConfig } from '../src/config/load';
import type { Config } from '../src/config/schema';

export const PRICES = {
  date: 'eu-west-1 list prices, as on the AWS pricing pages on 2026-12-07',
  stateTransition: 0.025 / 1000,
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1_000_000,
  s3Put: 0.005 / 1000,
  s3Get: 0.0004 / 1000,
};
const BUDGET_MS = 900_000;
const MEMORY_GB = 1;
const NIGHTS_PER_MONTH = 30;

export interface ScaleoutInput {
  clusters: number;
  /** Objects per cluster: spread log-uniformly from min to max. */
  objects: [number, number];
  hosts: number;
  hostGroups: number;
  maxConcurrency: number;
  hostsPerShard?: number;
  seed?: number;
}

export interface ScaleoutResult {
  items: number;
  shards: number;
  invocations: number;
  nightMs: number;
  longestMs: number;
  longestShareOfBudget: number;
  longestItem: string;
  apiCalls: number;
  minimumCalls: number;
  stateTransitions: number;
  monthlyUsd: number;
  usdPer1000NodesMonth: number;
  costParts: Record<string, number>;
}

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

function configOf(input: ScaleoutInput): Config {
  const lines = ['scope: bench', 'clusters:'];
  for (let i = 0; i < input.clusters; i++) lines.push(`  - { name: c${i}, manifests: ./c${i} }`);
  if (input.clusters === 0) lines[1] = 'clusters: []';
  lines.push(input.hostGroups > 0 ? 'hostGroups:' : 'hostGroups: []');
  for (let g = 0; g < input.hostGroups; g++) lines.push(`  - { name: g${g}, ssm: { tags: { group: [g${g}] } } }`);
  return parseConfig(lines.join('\n'));
}

export function simulateNight(input: ScaleoutInput): ScaleoutResult {
  const random = rng(input.seed ?? 42);
  const between = (a: number, b: number) => a + (b - a) * random();
  const config = configOf(input);
  const perGroup = input.hostGroups > 0 ? Math.ceil(input.hosts / input.hostGroups) : 0;
  const groupSizes = Object.fromEntries(config.hostGroups.map((g) => [g.name, perGroup]));
  const plan = planRun(config, { groupSizes, hostsPerShard: input.hostsPerShard ?? 500 });
  const [lo, hi] = input.objects;
  let calls = 0;
  let minimum = 0;
  let s3Gets = 0;
  let s3Puts = 0;

  const clusterMs = (): number => {
    const objects = Math.round(lo * (hi / lo) ** random());
    const pages = 12 * Math.max(1, Math.ceil(objects / 12 / 500));
    calls += pages;
    minimum += pages;
    let listMs = 0;
    for (let p = 0; p < pages; p++) listMs += between(60, 160);
    s3Puts += 2;
    return listMs / 4 + objects * 0.15 + 300;
  };
  const shardMs = (item: PlanItem): number => {
    const count = item.shard?.count ?? 1;
    const hostsIn = Math.ceil(perGroup / count);
    const describePages = Math.ceil(hostsIn / 50);
    const sends = Math.ceil(hostsIn / 50);
    let ms = 0;
    for (let p = 0; p < describePages; p++) ms += between(15, 40);
    for (let p = 0; p < sends; p++) ms += between(30, 80);
    const waves = Math.ceil(hostsIn / Math.max(1, Math.ceil(hostsIn * 0.1)));
    let probeMs = 0;
    for (let w = 0; w < waves; w++) probeMs += between(4000, 12000);
    const polls = Math.ceil(probeMs / 8000) + 1;
    const invocationPages = Math.ceil(hostsIn / 50);
    ms += probeMs + polls * 40 + invocationPages * 30 + (hostsIn / 16) * 20;
    calls += describePages + sends + polls + invocationPages + hostsIn;
    // The minimum: the group's discovery once (here its share of the plan's listing), one send per 50, one pass of
    // the results.
    minimum += Math.ceil(Math.ceil(perGroup / 50) / count) + sends + 1 + invocationPages + hostsIn;
    s3Gets += hostsIn;
    if (item.shard) {
      // The members read, the part written and read back by the fan-in.
      ms += between(10, 30) * 2;
      s3Gets += 2;
      s3Puts += 1;
    }
    return ms;
  };

  // The Map: items start in plan order as slots free up.
  const slots: number[] = Array(Math.max(1, input.maxConcurrency)).fill(0);
  // The plan: the configuration, then one listing of each group (and a PUT of each shard's members).
  let planMs = 1500 + input.hostGroups * 60;
  for (const g of config.hostGroups) {
    const pages = Math.ceil(perGroup / 50);
    for (let p = 0; p < pages; p++) planMs += between(15, 40);
    calls += pages;
    const shards = plan.filter((p) => p.target.name === g.name && p.shard).length;
    planMs += shards * 20;
    s3Puts += shards;
  }
  let longest = { ms: 0, id: '' };
  let billedMs = planMs;
  let invocations = 1;
  let transitions = 2 + 2; // Plan, Map, FanIn, Summary
  for (const item of plan) {
    slots.sort((a, b) => a - b);
    const start = slots[0]!;
    let ms = item.target.kind === 'cluster' ? clusterMs() : shardMs(item);
    if (random() < 0.1) ms += 400;
    let delay = 0;
    if (random() < 0.01) {
      delay = 2000;
      invocations++;
      transitions++;
    }
    invocations++;
    transitions += 3;
    billedMs += ms;
    if (ms > longest.ms) longest = { ms, id: item.id };
    slots[0] = start + delay + ms;
  }
  const mapEnd = Math.max(...slots);
  let fanInMs = 500;
  for (const g of config.hostGroups) {
    const sharded = plan.filter((p) => p.target.name === g.name && p.shard).length > 0;
    if (sharded) {
      fanInMs += perGroup * 5 + 1000;
      s3Puts += 2;
    }
  }
  const summaryMs = 300;
  invocations += 2;
  billedMs += fanInMs + summaryMs;
  const nightMs = planMs + mapEnd + fanInMs + summaryMs;
  const perNight = {
    stepFunctions: transitions * PRICES.stateTransition,
    lambda: (billedMs / 1000) * MEMORY_GB * PRICES.lambdaGbSecond + invocations * PRICES.lambdaRequest,
    s3: s3Gets * PRICES.s3Get + s3Puts * PRICES.s3Put,
  };
  const costParts = Object.fromEntries(
    Object.entries(perNight).map(([k, v]) => [k, Math.round(v * NIGHTS_PER_MONTH * 1000) / 1000]),
  );
  const monthly = Object.values(perNight).reduce((a, b) => a + b, 0) * NIGHTS_PER_MONTH;
  const nodes = input.hosts;
  return {
    items: plan.length,
    shards: plan.filter((p) => p.shard).length,
    invocations,
    nightMs: Math.round(nightMs),
    longestMs: Math.round(longest.ms),
    longestShareOfBudget: Math.round((longest.ms / BUDGET_MS) * 1000) / 1000,
    longestItem: longest.id,
    apiCalls: calls,
    minimumCalls: minimum,
    stateTransitions: transitions,
    monthlyUsd: Math.round(monthly * 100) / 100,
    usdPer1000NodesMonth: nodes > 0 ? Math.round((monthly / nodes) * 1000 * 1000) / 1000 : 0,
    costParts,
  };
}

/** The fleets of docs/deploy.md's cost table: N nodes, a cluster per 100 nodes, a host group per 5,000. */
export function costAt(nodes: number, maxConcurrency = 40): ScaleoutResult {
  return simulateNight({
    clusters: Math.max(1, Math.round(nodes / 100)),
    objects: [1000, 20_000],
    hosts: nodes,
    hostGroups: Math.max(1, Math.round(nodes / 5000)),
    maxConcurrency,
  });
}
