/**
 * The nightly run's state machine as `serverless package` produces it (offline: no credentials, no network): its
 * definition passes asl-validator, the schedule starts it, its role may invoke the nightly function only; and the
 * packaged definition runs in aws-local-stepfunctions with every Task bound to the real task handler
 * (src/app/run-steps.ts) over a real local store, the real scan loop and checks, and recorded Slack posts.
 *
 * The Lambda platform is emulated where the handler cannot act: a function that runs past its 15 minutes is killed
 * by Lambda with the error Sandbox.Timedout, and Lambda's own transient failures are Lambda.ServiceException; the
 * binding below raises those by name, as the service reports them to Step Functions. No real time: retry intervals are
 * overridden to 0 and nothing waits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import aslValidator from 'asl-validator';
import { StateMachine } from 'aws-local-stepfunctions';
import type { ScopeSummary } from '../../src/app/fan-in';
import type { PlanItem } from '../../src/app/plan';
import { runTag } from '../../src/app/run';
import {
  itemOf,
  loadPlan,
  loadSummaries,
  outcomeKey,
  readOutcome,
  storeOutcome,
  storePlan,
  storeSummaries,
} from '../../src/app/run-state';
import { createRunStepHandler, type RunStepDeps, type RunStepEvent } from '../../src/app/run-steps';
import { createLogger } from '../../src/aws/logger';
import type { TargetSelection } from '../../src/collectors/deps';
import type { FleetCollector, TargetCollector } from '../../src/collectors/types';
import { parseConfig } from '../../src/config/load';
import type { TargetFacts } from '../../src/core/model';
import { shardOf } from '../../src/core/shard';
import { LocalMarkerStore } from '../../src/store/markers';
import { openStores, type Stores } from '../../src/store/open';
import { RunObjects } from '../../src/store/run-parts';
import { wildcardCheck } from '../support/wildcard-check';
import { FUNCTION_ARN, type Json, packageStateMachine } from './packaged-state-machine';

const stateMachine = require('../../infra/state-machine.js') as {
  RUN_TIMEOUT_SECONDS: number;
  buildStateMachine: (ctx: Json) => Json;
};
const { RUN_TIMEOUT_SECONDS } = stateMachine;

// Each test runs whole nights through the packaged definition and the real task handler (several executions, every
// scope scanned and stored): a few seconds on an idle machine, and far more on two cores shared with other CPU-bound
// work. The limit only stops a hung run; nothing here measures time.
jest.setTimeout(180_000);

const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
const statementsOf = (role: Json): Json[] =>
  role.Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement as Json[]);

let resources: Json;
let definition: Json;

beforeAll(async () => {
  const packaged = await packageStateMachine();
  resources = packaged.resources;
  // What CloudFormation does with DefinitionSubstitutions at deploy time.
  expect(packaged.substitutions).toEqual(['NightlyFunctionArn']);
  definition = packaged.definition;
}, 300_000);

describe('the packaged nightly run state machine', () => {
  it('passes asl-validator', () => {
    const { isValid, errorsText } = aslValidator(definition);
    expect(isValid ? '' : errorsText('\n')).toBe('');
    expect(isValid).toBe(true);
  });

  it('plans, maps each item to one invocation with retries and a Catch, fans in and summarizes', () => {
    expect(resources.NightlyRunStateMachine.Type).toBe('AWS::StepFunctions::StateMachine');
    expect(definition.StartAt).toBe('Plan');
    const map = definition.States.ScanScopes;
    expect(map).toMatchObject({ Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 10, Next: 'FanIn' });
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'INLINE' });
    const scan = map.ItemProcessor.States.ScanScope;
    expect(scan.Resource).toBe(FUNCTION_ARN);
    expect(scan.Retry[0]).toMatchObject({
      ErrorEquals: expect.arrayContaining(['Lambda.TooManyRequestsException', 'Lambda.ServiceException']),
      BackoffRate: 2,
      JitterStrategy: 'FULL',
    });
    expect(scan.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Unassessed' }]);
    expect(definition.States.FanIn.Next).toBe('Summary');
    // The nightly function can run every item of the Map at once.
    expect(resources.NightlyScanLambdaFunction.Properties.ReservedConcurrentExecutions).toBe(10);
  });

  it("expires the run's objects (shard parts, members, lease) after 7 days", () => {
    const rules = resources.SnapshotBucket.Properties.LifecycleConfiguration.Rules as Json[];
    expect(rules.find((r) => r.Id === 'expire-run-objects')).toEqual({
      Id: 'expire-run-objects',
      Status: 'Enabled',
      Prefix: 'snapshots/markers/runs/',
      ExpirationInDays: 7,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
    });
  });

  it('is started by the nightly schedule, whose role may start it and invoke the digest, nothing else', () => {
    const nightly = resources.NightlySchedule.Properties;
    expect(nightly.Target.Arn).toEqual({ Ref: 'NightlyRunStateMachine' });
    expect(resources.DigestSchedule.Properties.Target.Arn).toEqual({
      'Fn::GetAtt': ['WeeklyDigestLambdaFunction', 'Arn'],
    });
    const actions = statementsOf(resources.SchedulerRole).map((s) => [asArray(s.Action), JSON.stringify(s.Resource)]);
    expect(actions).toEqual([
      [['lambda:InvokeFunction'], expect.stringContaining('function:compliance-bot-ci-weeklyDigest')],
      [['states:StartExecution'], expect.stringContaining('stateMachine:compliance-bot-ci-nightly-run')],
      [['sqs:SendMessage'], expect.stringContaining('ScheduleDlq')],
    ]);
  });

  it("gives the state machine a role that may invoke the nightly function only (no Distributed Map's permissions)", () => {
    const role = resources.NightlyRunRole.Properties;
    expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('states.amazonaws.com');
    const statements = statementsOf(resources.NightlyRunRole);
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toEqual(['lambda:InvokeFunction']);
    expect(JSON.stringify(statements[0].Resource)).toMatch(/:function:compliance-bot-ci-nightlyScan"\}\]$/);
    expect(resources.NightlyRunStateMachine.Properties.RoleArn).toEqual({ 'Fn::GetAtt': ['NightlyRunRole', 'Arn'] });
  });
});

// ---- The packaged definition, executed locally with its Tasks bound to the real handler ----

const CONFIG = parseConfig(`
scope: night
clusters: [{ name: prod, manifests: ./p }, { name: staging, manifests: ./s }]
hostGroups: [{ name: workers, ssm: { tags: { role: [worker] } } }]
slack: { channel: CALERTS }
`);
const NODES = Array.from({ length: 6 }, (_, i) => `i-0${(0xabc200 + i).toString(16)}000000000`);

const facts = (name: string, roles: string[]): TargetFacts => ({
  target: { name, kind: 'cluster' },
  facts: {
    'k8s.rbac': {
      ok: true,
      value: {
        roles: roles.map((n) => ({ kind: 'ClusterRole' as const, name: n, labels: {}, rules: [] })),
        bindings: [],
      },
    },
  },
});

interface World {
  stores: Stores;
  posts: { scope: string; regressions: number; resolved: number }[];
  lines: string[];
  calls: Record<string, number>;
  /** Scopes whose post fails this many more times. */
  failPosts: Record<string, number>;
  /** Invocations of these items are killed by Lambda as out of time. */
  overBudget: Set<string>;
  /** Shards whose invocation fails every time. */
  failShards: Set<number>;
  /** The fan-in invocation fails (Lambda's own error) this many more times. */
  failFanIn: number;
  /** The virtual clock of the scans: a second per reading. */
  nowMs: number;
  /** The group's nodes, and how many one shard takes on. */
  nodes: string[];
  hostsPerShard: number;
  /** The JSON size of each task's output, by step. */
  outputBytes: Record<string, number[]>;
  /** The bytes of the shards' facts their references stand for. */
  partBytes: number;
  /** The plan lists the group by tag (as runStepDepsFromEnv does with SSM), and how often it did. */
  lookup: boolean;
  lookups: number;
  /** The members each shard was handed, by shard index. */
  handed: Record<number, string[]>;
  /** Runs after the Plan task: the group changes between the plan and the scan. */
  afterPlan?: () => void | Promise<void>;
  /** Runs before the FanIn task. */
  beforeFanIn?: () => Promise<void>;
  /** Each task's last input, by step. */
  inputs: Record<string, Json>;
  /** The Summary runs, but Lambda loses its answer, this many more times. */
  loseSummary: number;
  /** The run metrics written, and the scans' deadlines (milliseconds from the start of their invocation). */
  metricLines: string[];
  deadlines: number[];
  /** Each task's last output, by step. */
  outputs: Record<string, Json>;
}

let dir: string;
let world: World;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sfn-'));
  world = {
    stores: openStores({ type: 'local', dir }),
    posts: [],
    lines: [],
    calls: {},
    failPosts: {},
    overBudget: new Set(),
    failShards: new Set(),
    failFanIn: 0,
    nowMs: 0,
    nodes: NODES,
    hostsPerShard: 2,
    outputBytes: {},
    partBytes: 0,
    lookup: false,
    lookups: 0,
    handed: {},
    loseSummary: 0,
    metricLines: [],
    deadlines: [],
    outputs: {},
    inputs: {},
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function collectors(_c: unknown, s: TargetSelection): (TargetCollector | FleetCollector)[] {
  if (s.kind === 'cluster') {
    const name = s.name;
    return [
      {
        target: { name, kind: 'cluster' },
        collect: async () => {
          world.calls[name] = (world.calls[name] ?? 0) + 1;
          return facts(name, ['ok', `wild-${name}`]);
        },
      },
    ];
  }
  if (s.kind !== 'hostGroup') return [];
  const shard = s.shard;
  return [
    {
      name: 'workers',
      collect: async () => {
        const key = shard ? `workers#${shard.index}` : 'workers';
        world.calls[key] = (world.calls[key] ?? 0) + 1;
        if (shard && world.failShards.has(shard.index)) throw new Error('SSM: ThrottlingException: Rate exceeded');
        if (shard?.members) {
          // As the SSM collector does with the plan's members: only those, by ID; one gone since is unreachable.
          world.handed[shard.index] = shard.members;
          const present = shard.members.filter((id) => world.nodes.includes(id));
          const gone = shard.members.filter((id) => !world.nodes.includes(id));
          return {
            facts: present.map((id) => facts(id, [`wild-${id}`])),
            unreachable: gone.map((id) => ({
              target: { name: id, kind: 'host' as const },
              reason: 'gone since the plan',
            })),
          };
        }
        const mine = world.nodes.filter((id) => !shard || shardOf(id, shard.count) === shard.index);
        return { facts: mine.map((id) => facts(id, [`wild-${id}`])), unreachable: [] };
      },
    },
  ];
}

const deps = (): RunStepDeps => ({
  config: CONFIG,
  checks: [wildcardCheck],
  collectors,
  stores: world.stores,
  runObjects: new RunObjects(new LocalMarkerStore(dir)),
  markers: new LocalMarkerStore(dir),
  ...(world.lookup
    ? {
        groupMembers: async () => {
          world.lookups++;
          return [...world.nodes];
        },
      }
    : {}),
  publish: async (scan, { scope }) => {
    if ((world.failPosts[scope] ?? 0) > 0) {
      world.failPosts[scope]--;
      throw new Error('slack: service unavailable');
    }
    world.posts.push({ scope, regressions: scan.diff.regressions.length, resolved: scan.diff.resolved.length });
  },
  logger: createLogger({}, () => {}),
  plan: { hostsPerShard: world.hostsPerShard },
  remainingMs: () => 900_000,
  metrics: { namespace: 'ComplianceBot', stage: 'test', detail: 'stage' },
  writeMetric: (line) => world.metricLines.push(line),
  timeout: (ms) => {
    world.deadlines.push(ms);
    return new AbortController().signal;
  },
  notify: async (text) => {
    world.lines.push(text);
  },
  now: () => world.nowMs,
  clock: () => {
    world.nowMs += 1000;
    return new Date(world.nowMs);
  },
});

/** The plan's item an iteration names (its short ID in the stored plan). */
const planItemOf = async (event: Json): Promise<PlanItem> =>
  itemOf(await loadPlan(new RunObjects(new LocalMarkerStore(dir)), event.plan, runTag(event.runId)), event.id);

const lambdaError = (name: string, message: string) => Object.assign(new Error(message), { name });

/** When each execution started: the context's StartTime, which a redrive keeps (the library sets it to now). */
const STARTED: Record<string, string> = {
  'night-1': '2026-12-01T01:30:00.000Z',
  'night-2': '2026-12-02T01:30:00.000Z',
  'by-hand': '2026-12-02T01:45:00.000Z',
};

/** One execution of the packaged definition; `execution` names it (a redrive keeps the name). */
async function execute(
  execution: string,
  input: Json = { source: 'compliance-bot.schedule', kind: 'nightly' },
  asl: Json = definition,
) {
  const started = STARTED[execution]!;
  world.nowMs = Math.max(world.nowMs, Date.parse(started));
  const handler = createRunStepHandler(
    async () => deps(),
    createLogger({}, () => {}),
  );
  const invoke = async (event: Json) => {
    world.inputs[event.step] = event;
    const out = (await handler(event as RunStepEvent)) as Json;
    world.outputs[event.step] = out;
    world.outputBytes[event.step] = [...(world.outputBytes[event.step] ?? []), JSON.stringify(out).length];
    if (event.step === 'scan') {
      // The shard's facts the stored outcome's reference stands for.
      const o = await readOutcome(
        new RunObjects(new LocalMarkerStore(dir)),
        runTag(event.runId),
        await planItemOf(event),
      );
      if (o.found && o.outcome.ok && o.outcome.part) world.partBytes += o.outcome.part.bytes;
    }
    return out;
  };
  const sm = new StateMachine(asl);
  const run = sm.run(input, {
    context: {
      Execution: {
        Id: `arn:aws:states:eu-west-1:123456789012:execution:compliance-bot-ci-nightly-run:${execution}`,
        Input: input,
      },
    } as Json,
    overrides: {
      taskResourceLocalHandlers: {
        Plan: async (event: Json) => {
          const out = await invoke({ ...event, startedAt: started });
          await world.afterPlan?.();
          return out;
        },
        ScanScope: async (event: Json) => {
          const item = await planItemOf(event).catch(() => null);
          if (item && world.overBudget.has(item.id))
            throw lambdaError('Sandbox.Timedout', 'Task timed out after 900.00 seconds');
          return invoke(event);
        },
        FanIn: async (event: Json) => {
          if (world.failFanIn > 0) {
            world.failFanIn--;
            throw lambdaError('Lambda.ServiceException', 'Lambda is unable to handle the request');
          }
          await world.beforeFanIn?.();
          return invoke(event);
        },
        Summary: async (event: Json) => {
          const out = await invoke(event);
          if (world.loseSummary > 0) {
            world.loseSummary--;
            throw lambdaError('Lambda.ServiceException', 'Lambda is unable to handle the request');
          }
          return out;
        },
      },
      retryIntervalOverrides: { Plan: 0, ScanScope: 0, FanIn: 0, Summary: 0 },
    },
  });
  return (await run.result) as { scopes: number; failed: number; regressions: number };
}

const snapshotsOf = async (scope: string) => (await world.stores.snapshots.list(scope)).length;

describe('the packaged definition, run by aws-local-stepfunctions against the real task handler', () => {
  it('all scopes succeed: each scanned, posted and stored once; the next night shards the large group', async () => {
    expect(await execute('night-1')).toEqual({ scopes: 3, failed: 0, regressions: 3 + 6 - 1 });
    expect(world.posts.map((p) => p.scope).sort()).toEqual([
      'night/cluster/prod',
      'night/cluster/staging',
      'night/hosts/workers',
    ]);
    expect(world.lines).toEqual([]);
    expect(await execute('night-2')).toEqual({ scopes: 3, failed: 0, regressions: 0 });
    // 6 nodes at 2 per shard: 4 shards, each one invocation, merged into one snapshot and one post.
    expect(
      Object.keys(world.calls)
        .filter((k) => k.startsWith('workers#'))
        .sort(),
    ).toEqual(['workers#0', 'workers#1', 'workers#2', 'workers#3']);
    expect(await snapshotsOf('night/hosts/workers')).toBe(2);
    expect(world.posts.filter((p) => p.scope === 'night/hosts/workers')).toHaveLength(2);
  });

  it('one scope throws: it alone is retried, and posted and stored once', async () => {
    world.failPosts['night/cluster/staging'] = 1;
    expect(await execute('night-1')).toMatchObject({ scopes: 3, failed: 0 });
    expect(world.calls).toEqual({ prod: 1, staging: 2, workers: 1 });
    expect(world.posts.filter((p) => p.scope === 'night/cluster/staging')).toHaveLength(1);
    expect(await snapshotsOf('night/cluster/staging')).toBe(1);
  });

  it('one scope exceeds its budget: recorded unassessed with the reason, not retried, while the others post', async () => {
    world.overBudget.add('night/cluster/prod');
    expect(await execute('night-1')).toMatchObject({ scopes: 3, failed: 1 });
    expect(world.posts.map((p) => p.scope).sort()).toEqual(['night/cluster/staging', 'night/hosts/workers']);
    expect(await snapshotsOf('night/cluster/prod')).toBe(0);
    expect(world.lines).toEqual([
      ':warning: Nightly scan: 1 of 3 scope(s) could not be assessed: night/cluster/prod. Their findings are carried forward, not resolved.',
    ]);
  });

  it('a shard fails: its group is partial, the shard named unreachable, its nodes carried and never resolved', async () => {
    await execute('night-1');
    world.failShards.add(1);
    expect(await execute('night-2')).toMatchObject({ failed: 0 });
    expect(world.calls['workers#1']).toBe(2);
    const post = world.posts.filter((p) => p.scope === 'night/hosts/workers').at(-1);
    expect(post).toEqual({ scope: 'night/hosts/workers', regressions: 0, resolved: 0 });
    const latest = await world.stores.snapshots.latest('night/hosts/workers');
    const lost = NODES.filter((id) => shardOf(id, 4) === 1);
    expect(lost.length).toBeGreaterThan(0);
    expect(latest?.snapshot.carried.map((r) => r.target).sort()).toEqual([...lost].sort());
    expect(latest?.snapshot.targets).toContainEqual(
      expect.objectContaining({
        name: 'workers (shard 2 of 4)',
        status: 'unreachable',
        reason: expect.stringContaining('ThrottlingException'),
      }),
    );
  });

  it('an execution that failed is redriven: nothing is posted or stored twice', async () => {
    await execute('night-1');
    const before = { posts: world.posts.length, calls: { ...world.calls } };
    world.failFanIn = 99;
    await expect(execute('night-2')).rejects.toThrow(/Lambda is unable to handle the request/);
    const scansAfterFailure = { ...world.calls };
    world.failFanIn = 0;
    // A redrive keeps the execution's ID; running it from the start again covers a redrive from any state.
    expect(await execute('night-2')).toMatchObject({ scopes: 3, failed: 0 });
    for (const scope of ['night/cluster/prod', 'night/cluster/staging', 'night/hosts/workers']) {
      expect({ scope, snapshots: await snapshotsOf(scope) }).toEqual({ scope, snapshots: 2 });
      expect({ scope, posts: world.posts.filter((p) => p.scope === scope).length }).toEqual({ scope, posts: 2 });
    }
    // The clusters stored by the failed execution were not scanned again.
    expect(world.calls.prod).toBe(scansAfterFailure.prod);
    expect(before.posts).toBe(3);
  });

  it("keeps the shards' facts out of the execution state: 400 hosts in 4 shards pass references under 8 KB", async () => {
    world.nodes = Array.from({ length: 400 }, (_, i) => `i-0${(0xabc000 + i).toString(16)}000000000`);
    world.hostsPerShard = 100;
    await execute('night-1');
    world.outputBytes = {};
    world.partBytes = 0;
    expect(await execute('night-2')).toEqual({ scopes: 3, failed: 0, regressions: 0 });
    expect(Object.keys(world.calls).filter((k) => k.startsWith('workers#'))).toHaveLength(4);
    const mapOutput = world.outputBytes.scan!.reduce((a, b) => a + b, 0);
    expect(mapOutput).toBeLessThan(8 * 1024);
    expect(Math.max(...world.outputBytes.plan!)).toBeLessThan(8 * 1024);
    // What the references stand for: the facts themselves, many times the bound, all merged into the snapshot.
    expect(world.partBytes).toBeGreaterThan(5 * 8 * 1024);
    const latest = await world.stores.snapshots.latest('night/hosts/workers');
    expect(latest?.snapshot.targets.filter((t) => t.status === 'assessed')).toHaveLength(400);
  });

  it('lists the group once per run and hands each shard its own nodes: a joiner waits a night, a node gone is unknown', async () => {
    world.lookup = true;
    const [joiner, gone] = ['i-0fff0000000000001', NODES[0]!];
    world.afterPlan = () => {
      world.nodes = [...NODES.slice(1), joiner];
    };
    expect(await execute('night-1')).toMatchObject({ scopes: 3, failed: 0 });
    expect(world.lookups).toBe(1);
    // 6 nodes at 2 per shard: 4 shards from the first night on, each given exactly its nodes.
    for (let k = 0; k < 4; k++) expect(world.handed[k]).toEqual(NODES.filter((id) => shardOf(id, 4) === k).sort());
    const first = await world.stores.snapshots.latest('night/hosts/workers');
    const names = (first?.snapshot.targets ?? []).map((t) => t.name);
    expect(names).not.toContain(joiner);
    expect(first?.snapshot.targets.find((t) => t.name === gone)).toMatchObject({
      status: 'unreachable',
      reason: 'gone since the plan',
    });
    world.afterPlan = undefined;
    await execute('night-2');
    expect(world.lookups).toBe(2);
    const second = await world.stores.snapshots.latest('night/hosts/workers');
    expect(second?.snapshot.targets.find((t) => t.name === joiner)?.status).toBe('assessed');
  });

  it('refuses a second execution while one runs, changing nothing; a redrive keeps its lease; an expired one is taken over', async () => {
    world.failFanIn = 99;
    await expect(execute('night-2')).rejects.toThrow(/Lambda is unable to handle the request/);
    const posts = world.posts.length;
    const calls = { ...world.calls };
    const snapshots = await Promise.all(['night/cluster/prod', 'night/hosts/workers'].map(snapshotsOf));
    // Started by hand while night-2 holds the lease: refused by its plan, nothing scanned, posted or stored.
    await expect(execute('by-hand')).rejects.toThrow(
      /another nightly run \(arn:aws:states:eu-west-1:123456789012:execution:compliance-bot-ci-nightly-run:night-2\) is in progress since 2026-12-02T01:30:0\d\.000Z/,
    );
    expect(world.posts).toHaveLength(posts);
    expect(world.calls).toEqual(calls);
    expect(await Promise.all(['night/cluster/prod', 'night/hosts/workers'].map(snapshotsOf))).toEqual(snapshots);
    // The same execution redriven keeps its own lease, finishes, and gives it back.
    world.failFanIn = 0;
    expect(await execute('night-2')).toMatchObject({ scopes: 3, failed: 0 });
    expect(await new LocalMarkerStore(dir).get('runs/active')).toBeNull();
    expect(await execute('by-hand')).toMatchObject({ scopes: 3 });
    // An execution that died holding the lease: refused until the state machine's timeout has passed, then taken over.
    world.failFanIn = 99;
    await expect(execute('night-2')).rejects.toThrow(/unable to handle/);
    world.failFanIn = 0;
    await expect(execute('by-hand')).rejects.toThrow(/another nightly run/);
    world.nowMs += RUN_TIMEOUT_SECONDS * 1000;
    expect(await execute('by-hand')).toMatchObject({ scopes: 3, failed: 0 });
    expect(definition.TimeoutSeconds).toBe(RUN_TIMEOUT_SECONDS);
    expect(definition.States.Plan.Parameters.leaseSeconds).toBe(RUN_TIMEOUT_SECONDS);
  });

  it('refuses a Map outcome the plan does not name', async () => {
    const handler = createRunStepHandler(
      async () => deps(),
      createLogger({}, () => {}),
    );
    const objects = new RunObjects(new LocalMarkerStore(dir));
    const items: PlanItem[] = [
      { id: 'night/cluster/prod', scope: 'night/cluster/prod', target: { kind: 'cluster', name: 'prod' } },
    ];
    const { plan } = await storePlan(objects, runTag('r'), items);
    const finish = (outcomes: Json[]) =>
      handler({ step: 'finish', runId: 'r', startedAt: '2026-12-01T01:30:00Z', plan, outcomes } as RunStepEvent);
    await expect(finish([{ id: '1', error: 'x' }])).rejects.toThrow(/not in the plan/);
    await expect(finish([{ id: 'night/cluster/prod', ok: true }])).rejects.toThrow(/not in the plan/);
    await expect(finish([{ id: '00', ok: true }])).rejects.toThrow(/not in the plan/);
    await expect(
      finish([
        { id: '0', ok: true },
        { id: '0', ok: true },
      ]),
    ).rejects.toThrow(/two outcomes/);
    // A plan that fails after taking the lease gives it back: a mistyped run by hand holds nothing.
    await expect(
      handler({
        step: 'plan',
        runId: 'r',
        startedAt: '2026-12-01T01:30:00Z',
        input: { scopes: ['night/cluster/nope'] },
      }),
    ).rejects.toThrow(/none of the scopes/);
    expect(await new LocalMarkerStore(dir).get('runs/active')).toBeNull();
    await expect(
      handler({ step: 'plan', runId: 'r', startedAt: '2026-12-01T01:30:00Z', leaseSeconds: 'forever' }),
    ).rejects.toThrow(/leaseSeconds must be/);
    const none: ScopeSummary[] = [];
    const summary = await storeSummaries(objects, runTag('r'), none);
    expect(await handler({ step: 'summary', runId: 'r', summary })).toEqual({
      scopes: 0,
      failed: 0,
      regressions: 0,
    });
  });
});

describe('what the state carries: IDs and tiny outcomes, the rest in the run store', () => {
  const objects = () => new RunObjects(new LocalMarkerStore(dir));
  const NIGHT_2 = 'arn:aws:states:eu-west-1:123456789012:execution:compliance-bot-ci-nightly-run:night-2';
  const storedSummaries = async () =>
    loadSummaries(objects(), world.outputs.finish!.summary, runTag(world.outputs.finish!.runId));

  it('hands the Map short IDs and the plan once; each scan gets its ID and the plan, and answers { id, ok: true }', async () => {
    await execute('night-1');
    const plan = world.outputs.plan!;
    expect(Object.keys(plan).sort()).toEqual(['items', 'plan', 'runId', 'startedAt']);
    expect(plan.items).toEqual(['0', '1', '2']);
    expect(world.outputs.scan).toEqual({ id: expect.stringMatching(/^[0-2]$/), ok: true });
    expect(world.outputs.finish).toEqual({
      runId: expect.any(String),
      summary: { key: expect.stringContaining('/summary/'), bytes: expect.any(Number), sha256: expect.any(String) },
      scopes: 3,
      failed: 0,
    });
  });

  it('a plan altered after it was written fails each item with the reason (the Catch records it), and the fan-in refuses it', async () => {
    const markers = new LocalMarkerStore(dir);
    world.afterPlan = async () => {
      const key = world.outputs.plan!.plan.key as string;
      const body = (await markers.get(key))!;
      await markers.remove(key);
      await markers.create(key, body.replace('"prod"', '"prud"'));
    };
    await expect(execute('night-1')).rejects.toThrow(/the run's plan could not be read: \S+ is not what was written/);
    // The scans never ran (each item failed on its plan, was retried once, then caught): nothing posted or stored.
    expect(world.calls).toEqual({});
    expect(world.posts).toEqual([]);
    expect(await snapshotsOf('night/cluster/prod')).toBe(0);
    expect(world.inputs.finish!.outcomes).toEqual(
      ['0', '1', '2'].map((id) => ({
        id,
        error: expect.stringMatching(
          /the run's plan could not be read: runs\/r[0-9a-f]{8}\/plan\/\S+ is not what was written/,
        ),
      })),
    );
  });

  it("an outcome missing from the store, or another item's, leaves its scope unassessed or its group partial", async () => {
    await execute('night-1');
    const markers = new LocalMarkerStore(dir);
    world.beforeFanIn = async () => {
      const tag = runTag(NIGHT_2);
      const plan = await loadPlan(objects(), world.outputs.plan!.plan, tag);
      const [prod, shard0, shard1] = [
        plan.find((p) => p.id === 'night/cluster/prod')!,
        plan.find((p) => p.shard?.index === 0)!,
        plan.find((p) => p.shard?.index === 1)!,
      ];
      await markers.remove(outcomeKey(tag, prod));
      // Shard 2's outcome replaced by shard 1's: a part of another item is never merged as this one.
      const other = (await markers.get(outcomeKey(tag, shard0)))!;
      await markers.remove(outcomeKey(tag, shard1));
      await markers.create(outcomeKey(tag, shard1), other);
    };
    expect(await execute('night-2')).toMatchObject({ scopes: 3, failed: 1 });
    const summaries = await storedSummaries();
    expect(summaries.find((s) => s.scope === 'night/cluster/prod')?.error).toMatch(
      /^the scan reported success, but its outcome runs\/\S+ is missing from the run's store$/,
    );
    const latest = await world.stores.snapshots.latest('night/hosts/workers');
    expect(latest?.snapshot.targets).toContainEqual(
      expect.objectContaining({
        name: 'workers (shard 2 of 4)',
        status: 'unreachable',
        reason: expect.stringContaining('it is the outcome of another item (night/hosts/workers#0/4)'),
      }),
    );
    expect(latest?.snapshot.carried.length).toBeGreaterThan(0);
  });

  it('an item with no outcome in the Map result and none stored is unassessed with the reason; a stored one is used', async () => {
    const handler = createRunStepHandler(
      async () => deps(),
      createLogger({}, () => {}),
    );
    const run = { runId: 'r', startedAt: '2026-12-01T01:30:00Z' };
    const items: PlanItem[] = [
      { id: 'night/cluster/prod', scope: 'night/cluster/prod', target: { kind: 'cluster', name: 'prod' } },
      { id: 'night/cluster/staging', scope: 'night/cluster/staging', target: { kind: 'cluster', name: 'staging' } },
    ];
    const { plan } = await storePlan(objects(), runTag('r'), items);
    const summary = {
      scope: 'night/cluster/staging',
      scanId: 's',
      stored: 'k',
      posted: true,
      regressions: 2,
      unassessedTargets: 0,
    };
    await storeOutcome(objects(), runTag('r'), { id: items[1]!.id, ok: true, summary });
    const out = (await handler({ step: 'finish', ...run, plan, outcomes: [] })) as Json;
    expect(out).toMatchObject({ scopes: 2, failed: 1 });
    expect(await loadSummaries(objects(), out.summary, runTag('r'))).toEqual([
      expect.objectContaining({
        scope: 'night/cluster/prod',
        error: expect.stringMatching(/^the Map gave no outcome, and its outcome \S+ is missing from the run's store$/),
      }),
      summary,
    ]);
  });

  it("writes the run's metrics once when Lambda loses the summary's answer", async () => {
    world.loseSummary = 2;
    expect(await execute('night-1')).toMatchObject({ scopes: 3, failed: 0 });
    expect(world.loseSummary).toBe(0);
    expect(world.metricLines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ RunScopes: 3, FailedScopes: 0 }),
    ]);
  });

  it("gives each scan the deadline of its invocation's time less the margin, from the timer it is given", async () => {
    await execute('night-1');
    expect(world.deadlines).toEqual([810_000, 810_000, 810_000]);
  });
});

// ---- runConcurrency over 40: the Map is a Distributed Map ----

describe('the definition in Distributed Map mode', () => {
  const build = (maxConcurrency: number) =>
    stateMachine.buildStateMachine({ service: 'compliance-bot', stage: 'ci', maxConcurrency });
  const definitionOf = (built: Json): Json =>
    JSON.parse(
      JSON.stringify(built.Resources.NightlyRunStateMachine.Properties.Definition).replaceAll(
        `\${NightlyFunctionArn}`,
        FUNCTION_ARN,
      ),
    );
  const built = build(50);
  const distributed = definitionOf(built);

  it('passes asl-validator, runs each item as a child execution, and reads the items from the state', () => {
    const { isValid, errorsText } = aslValidator(distributed);
    expect(isValid ? '' : errorsText('\n')).toBe('');
    const map = distributed.States.ScanScopes;
    expect(map).toMatchObject({ Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 50 });
    expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    // Each child's failure is caught inside it (recorded unassessed): the Map itself never fails on one item.
    expect(map.ItemProcessor.States.ScanScope.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Unassessed' },
    ]);
    // No ItemReader: the plan's items (shards by reference) come in the state, so no S3 read is needed.
    expect(map.ItemReader).toBeUndefined();
    // Apart from the processor mode, the same definition as the inline one.
    const inline = definitionOf(build(10));
    inline.States.ScanScopes.MaxConcurrency = 50;
    inline.States.ScanScopes.ItemProcessor.ProcessorConfig = { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' };
    expect(definitionOf(built)).toEqual(inline);
  });

  it('gives the role the child executions of this state machine only, and nothing of S3', () => {
    const statements = statementsOf(built.Resources.NightlyRunRole);
    expect(statements.map((st) => [st.Sid, asArray(st.Action), JSON.stringify(st.Resource)])).toEqual([
      [
        'InvokeNightlyFunction',
        ['lambda:InvokeFunction'],
        expect.stringContaining(':function:compliance-bot-ci-nightlyScan'),
      ],
      [
        'DistributedMapChildren',
        ['states:StartExecution'],
        expect.stringContaining(':stateMachine:compliance-bot-ci-nightly-run"'),
      ],
      [
        'DistributedMapChildrenStatus',
        ['states:DescribeExecution', 'states:StopExecution', 'states:RedriveExecution'],
        expect.stringContaining(':execution:compliance-bot-ci-nightly-run/*'),
      ],
    ]);
    expect(JSON.stringify(statements)).not.toMatch(/s3:/);
  });

  it('runs in aws-local-stepfunctions (the Map in-process: it has no child executions) with the same outcome', async () => {
    expect(await execute('night-1', undefined, distributed)).toEqual({ scopes: 3, failed: 0, regressions: 3 + 6 - 1 });
    world.failShards.add(1);
    expect(await execute('night-2', undefined, distributed)).toMatchObject({ scopes: 3, failed: 0 });
    const latest = await world.stores.snapshots.latest('night/hosts/workers');
    expect(latest?.snapshot.targets).toContainEqual(
      expect.objectContaining({ name: 'workers (shard 2 of 4)', status: 'unreachable' }),
    );
  });
});
