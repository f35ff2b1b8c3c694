/**
 * The nightly run's execution state at scale, against Step Functions' 256 KB per state (docs/deploy.md, "The nightly
 * run"). The real task handler plans, scans and fans in; between the tasks, this test does what the definition says
 * (infra/state-machine.js): the Map's ItemSelector, the Catch's Pass state and the ResultPaths, read from the
 * definition itself. Every scan error is handed over as Lambda's Node.js runtime reports it (errorType, errorMessage,
 * and the stack as `trace`), and some as Lambda's own timeout. Each state's JSON is measured and must stay under half
 * of the limit at the 1,320 items of 1,000 clusters, and under three quarters at 4,000 items.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTag } from '../../src/app/run';
import { loadPlan } from '../../src/app/run-state';
import type { PlanOutput } from '../../src/app/run-steps';
import { createRunStepHandler, type RunStepDeps, type RunStepEvent } from '../../src/app/run-steps';
import { createLogger } from '../../src/aws/logger';
import type { TargetSelection } from '../../src/collectors/deps';
import type { FleetCollector, TargetCollector } from '../../src/collectors/types';
import { parseConfig } from '../../src/config/load';
import { MemoryMarkerStore } from '../../src/store/markers';
import { openStores } from '../../src/store/open';
import { RunObjects } from '../../src/store/run-parts';
import { wildcardCheck } from '../support/wildcard-check';

// biome-ignore lint/suspicious/noExplicitAny: the definition's JSON, walked by path
type Json = Record<string, any>;

const { definition } = require('../../infra/state-machine.js') as { definition: (o: Json) => Json };
const ASL = definition({ maxConcurrency: 50 });

/** Step Functions' limit on a state's input or output, and the bound this test holds it to. */
const LIMIT = 256 * 1024;
const BOUND = LIMIT / 2;
const BOUND_4000 = (LIMIT * 3) / 4;

const RUN_ID = 'arn:aws:states:eu-west-1:123456789012:execution:compliance-bot-prod-nightly-run:sizes';
const STARTED = '2026-12-01T01:30:00.000Z';

/** A node ID as EC2 makes them. */
const nodeId = (g: number, i: number) => `i-0${((g << 20) + i).toString(16).padStart(16, '0')}`;

/** Realistic scan failures: what the collectors and stores throw, one far longer than the state should carry. */
const FAILURES = [
  'SSM: ThrottlingException: Rate exceeded (Service: Ssm, Status Code: 400, Request ID: 6f2c1d7e-0a4b-4c1e-9d3f-2b8a7c6e5d4f)',
  'slack: An API error occurred: ratelimited (retry after 30 s); the post of this scope was refused twice',
  `S3: SlowDown: Please reduce your request rate. <html><body>${'<p>Service Unavailable</p>'.repeat(200)}</body></html>`,
];

/** A JSONPath of the definition (`$.a`, `$$.Map.Item.Value`) over a state and its context. */
function resolve(path: string, state: Json, context: Json): unknown {
  const [root, ...keys] = path.split('.');
  let v: unknown = root === '$$' ? context : state;
  for (const k of keys) v = (v as Json)[k];
  return v;
}

/** A state's Parameters (or ItemSelector) applied to its input, as Step Functions does. */
function parameters(template: Json, state: Json, context: Json = {}): Json {
  return Object.fromEntries(
    Object.entries(template).map(([k, v]) =>
      k.endsWith('.$') ? [k.slice(0, -2), resolve(v as string, state, context)] : [k, v],
    ),
  );
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sfn-sizes-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** One night of `clusters` clusters and `groups` SSM host groups of `nodes` nodes, `failing` of its items failing. */
async function night(clusters: number, groups: number, nodes: number, failEvery: number) {
  const config = parseConfig(
    JSON.stringify({
      scope: 'prod',
      clusters: Array.from({ length: clusters }, (_, i) => ({ name: `cluster-${i}`, manifests: './m' })),
      hostGroups: Array.from({ length: groups }, (_, g) => ({
        name: `group-${g}`,
        ssm: { tags: { 'compliance-bot': [`group-${g}`] } },
      })),
    }),
  );
  const markers = new MemoryMarkerStore();
  let failing = new Set<string>();
  let failures = 0;
  const fail = (key: string) => {
    if (failing.has(key)) throw new Error(FAILURES[failures++ % FAILURES.length]);
  };
  const collectors = (_c: unknown, s: TargetSelection): (TargetCollector | FleetCollector)[] => {
    if (s.kind === 'cluster') {
      const target = { name: s.name, kind: 'cluster' as const };
      return [{ target, collect: async () => ({ target, facts: {} }) }];
    }
    if (s.kind !== 'hostGroup') return [];
    return [
      {
        name: s.name,
        collect: async () => {
          fail(`${s.name}#${s.shard?.index}`);
          return { facts: [], unreachable: [] };
        },
      },
    ];
  };
  const deps: RunStepDeps = {
    config,
    checks: [wildcardCheck],
    collectors,
    stores: openStores({ type: 'local', dir }),
    runObjects: new RunObjects(markers),
    markers,
    groupMembers: async (g) => {
      const k = Number(g.name.slice('group-'.length));
      return Array.from({ length: nodes }, (_, i) => nodeId(k, i));
    },
    // A whole scope fails when its post does.
    publish: async (_scan, { scope }) => fail(scope),
    logger: createLogger({}, () => {}),
    remainingMs: () => 900_000,
    timeout: () => new AbortController().signal,
    metrics: { namespace: 'ComplianceBot', stage: 'test', detail: 'stage' },
    writeMetric: () => {},
    notify: null,
    now: () => Date.parse(STARTED),
  };
  const handler = createRunStepHandler(
    async () => deps,
    createLogger({}, () => {}),
  );
  const task = (event: Json) => handler(event as RunStepEvent) as Promise<Json>;
  const context = { Execution: { Id: RUN_ID, StartTime: STARTED } };
  const states = ASL.States;

  const plan = (await task(parameters(states.Plan.Parameters, {}, context))) as unknown as PlanOutput;
  const items = resolve(states.ScanScopes.ItemsPath, plan, context) as string[];
  const planned = await loadPlan(deps.runObjects, plan.plan, runTag(RUN_ID));
  // Every 20th item fails: a cluster's scan or a shard's collection throws, or Lambda times the invocation out.
  failing = new Set();
  const iterationInputs = items.map((id, index) =>
    parameters(states.ScanScopes.ItemSelector, plan, { ...context, Map: { Item: { Value: id, Index: index } } }),
  );
  const processor = states.ScanScopes.ItemProcessor.States;
  const outcomes: Json[] = [];
  for (const [index, input] of iterationInputs.entries()) {
    const fails = failEvery > 0 && index % failEvery === failEvery - 1;
    let error: { Error: string; Cause: string } | null = null;
    if (fails && index % (3 * failEvery) === failEvery - 1) {
      error = {
        Error: 'Sandbox.Timedout',
        Cause: JSON.stringify({ errorMessage: `${STARTED} 1b2c3d4e Task timed out after 900.00 seconds` }),
      };
    } else {
      const item = planned[index]!;
      failing = new Set(fails ? [item.shard ? `${item.target.name}#${item.shard.index}` : item.scope] : []);
      try {
        outcomes.push(await task(input));
        continue;
      } catch (err) {
        const e = err as Error;
        // As Lambda's Node.js runtime reports a function error to Step Functions.
        const cause = { errorType: e.name, errorMessage: e.message, trace: (e.stack ?? '').split('\n') };
        error = { Error: e.name, Cause: JSON.stringify(cause) };
      }
    }
    const caught = { ...input, error };
    expect(processor.ScanScope.Catch[0].ResultPath).toBe('$.error');
    outcomes.push(parameters(processor.Unassessed.Parameters, caught));
  }
  expect(states.ScanScopes.ResultPath).toBe('$.items');
  const mapOutput = { ...plan, items: outcomes };
  const fanInInput = parameters(states.FanIn.Parameters, mapOutput, context);
  const fanInOutput = await task(fanInInput);
  const summaryInput = parameters(states.Summary.Parameters, fanInOutput, context);
  const summaryOutput = await task(summaryInput);
  return {
    items: items.length,
    failed: outcomes.filter((o) => o.error !== undefined).length,
    fanInOutput,
    sizes: {
      'plan output (the Map input)': bytes(plan),
      'largest iteration input': Math.max(...iterationInputs.map(bytes)),
      'largest iteration output': Math.max(...outcomes.map(bytes)),
      'Map output (the fan-in input)': bytes(mapOutput),
      'fan-in output': bytes(fanInOutput),
      'summary output': bytes(summaryOutput),
    },
  };
}

const report = (name: string, sizes: Record<string, number>) =>
  process.stdout.write(
    `${name}\n${Object.entries(sizes)
      .map(([k, v]) => `  ${k}: ${(v / 1024).toFixed(1)} KB`)
      .join('\n')}\n`,
  );

/**
 * The timeouts only guard against a hang: every item's task parses the whole plan, as each Lambda invocation does, so
 * a night of 4,000 items is 4,000 invocations (about 100 s on an idle 2-core machine, several times that on a busy one).
 */
const HANG_GUARD_MS = 1_200_000;

describe("the nightly run's execution state at scale, within Step Functions' 256 KB with a wide margin", () => {
  it(
    '1,000 clusters and 20 host groups of 5,000 nodes: 1,320 items, all assessed',
    async () => {
      const run = await night(1000, 20, 5000, 0);
      expect({ items: run.items, failed: run.failed }).toEqual({ items: 1320, failed: 0 });
      expect(run.fanInOutput).toMatchObject({ scopes: 1020, failed: 0 });
      report('1,320 items, all ok', run.sizes);
      for (const [state, size] of Object.entries(run.sizes))
        expect({ state, under: size < BOUND }).toEqual({ state, under: true });
    },
    HANG_GUARD_MS,
  );

  it(
    '1,320 items with one in 20 failing (error causes as Lambda reports them, some far too long)',
    async () => {
      const run = await night(1000, 20, 5000, 20);
      expect({ items: run.items, failed: run.failed }).toEqual({ items: 1320, failed: 66 });
      report('1,320 items, 5% failing', run.sizes);
      for (const [state, size] of Object.entries(run.sizes))
        expect({ state, under: size < BOUND }).toEqual({ state, under: true });
    },
    HANG_GUARD_MS,
  );

  it(
    '4,000 items (32 clusters and 62 host groups of 16,001 nodes in 64 shards), one in 20 failing',
    async () => {
      const run = await night(32, 62, 16_001, 20);
      expect({ items: run.items, failed: run.failed }).toEqual({ items: 4000, failed: 200 });
      report('4,000 items, 5% failing', run.sizes);
      for (const [state, size] of Object.entries(run.sizes))
        expect({ state, under: size < BOUND_4000 }).toEqual({ state, under: true });
    },
    HANG_GUARD_MS,
  );
});
