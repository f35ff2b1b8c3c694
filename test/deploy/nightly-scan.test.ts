/**
 * The nightly handler with injected dependencies: the real runScan(), a real local store, a tiny check over facts
 * the test controls, a recording publisher and captured logs and metrics.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createNightlyHandler,
  type NightlyDeps,
  type Publisher,
  parseNightlyEvent,
  planNightly,
} from '../../src/app/nightly';
import { createLogger } from '../../src/aws/logger';
import { createMetrics } from '../../src/aws/metrics';
import type { TargetSelection } from '../../src/collectors/deps';
import type { TargetCollector } from '../../src/collectors/types';
import { parseConfig } from '../../src/config/load';
import type { Config } from '../../src/config/schema';
import { openStores } from '../../src/store/open';
import { wildcardCheck as check } from '../support/wildcard-check';

function cluster(name: string, roles: () => string[]): TargetCollector {
  return {
    target: { name, kind: 'cluster' },
    collect: async () => ({
      target: { name, kind: 'cluster' },
      facts: {
        'k8s.rbac': {
          ok: true,
          value: {
            roles: roles().map((n) => ({ kind: 'ClusterRole' as const, name: n, labels: {}, rules: [] })),
            bindings: [],
          },
        },
      },
    }),
  };
}

function unreachable(name: string): TargetCollector {
  return {
    target: { name, kind: 'cluster' },
    collect: async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6443');
    },
  };
}

interface Harness {
  deps: NightlyDeps;
  logs: Record<string, unknown>[];
  metrics: Record<string, unknown>[];
  posted: { scope: string; regressions: number; baseline: boolean }[];
  roles: Record<string, string[]>;
  failPost: { value: boolean };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nightly-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function harness(yaml: string, opts: { slack?: boolean; collectors?: NightlyDeps['collectors'] } = {}): Harness {
  const config: Config = parseConfig(yaml);
  const logs: Record<string, unknown>[] = [];
  const metrics: Record<string, unknown>[] = [];
  const posted: Harness['posted'] = [];
  const roles: Record<string, string[]> = { prod: ['ok'], staging: ['ok'] };
  const failPost = { value: false };
  const publish: Publisher = async (scan, { scope }) => {
    if (failPost.value) throw new Error('slack: service unavailable');
    posted.push({ scope, regressions: scan.diff.regressions.length, baseline: scan.diff.baseline });
  };
  const collectors =
    opts.collectors ??
    ((c: Config, selection: TargetSelection) =>
      c.clusters
        .filter((x) => selection.kind === 'cluster' && x.name === selection.name)
        .map((x) => (x.name === 'down' ? unreachable(x.name) : cluster(x.name, () => roles[x.name] ?? []))));
  return {
    deps: {
      config,
      checks: [check],
      collectors,
      stores: openStores({ type: 'local', dir }),
      publish: opts.slack === false ? null : publish,
      logger: createLogger({}, (l) => logs.push(JSON.parse(l))),
      metrics: createMetrics({ namespace: 'ComplianceBot', stage: 'test', detail: 'scope' }, (l) =>
        metrics.push(JSON.parse(l)),
      ),
    },
    logs,
    metrics,
    posted,
    roles,
    failPost,
  };
}

const TWO_CLUSTERS = `
scope: nightly
clusters:
  - { name: prod, manifests: ./prod }
  - { name: staging, manifests: ./staging }
slack: { channel: CALERTS }
`;

describe('Function: planNightly', () => {
  it('plans one scope per host group and per cluster, named as the Slack worker and the CLI name them', () => {
    const config = parseConfig(`
scope: nightly
clusters: [{ name: prod, manifests: ./p }]
hostGroups: [{ name: workers, ssm: { tags: { role: [worker] } } }, { name: bastions, ssm: { instanceIds: [i-0123456789abcdef0] } }]
`);
    const seen: TargetSelection[] = [];
    const plan = planNightly(config, (_c, s) => {
      seen.push(s);
      return [];
    });
    expect(plan.map((p) => p.scope)).toEqual([
      'nightly/hosts/workers',
      'nightly/hosts/bastions',
      'nightly/cluster/prod',
    ]);
    expect(seen).toEqual([
      { kind: 'hostGroup', name: 'workers' },
      { kind: 'hostGroup', name: 'bastions' },
      { kind: 'cluster', name: 'prod' },
    ]);
  });
});

describe('Function: parseNightlyEvent', () => {
  it('accepts the schedule event and a list of scopes, and refuses anything else', () => {
    expect(parseNightlyEvent({ source: 'compliance-bot.schedule', kind: 'nightly' })).toEqual({ scopes: null });
    expect(parseNightlyEvent({ scopes: ['nightly/cluster/prod'] })).toEqual({ scopes: ['nightly/cluster/prod'] });
    expect(() => parseNightlyEvent({ scopes: ['../etc'] })).toThrow(/scope names/);
    expect(() => parseNightlyEvent({ scopes: 'nightly' })).toThrow(/scope names/);
  });
});

describe('Function: createNightlyHandler', () => {
  it('scans every scope, posts, stores a snapshot per scope and logs the scan ID and target on every scan line', async () => {
    const h = harness(TWO_CLUSTERS);
    const handler = createNightlyHandler(async () => h.deps, h.deps.logger);
    const out = await handler({ source: 'compliance-bot.schedule' }, { awsRequestId: 'req-1' });
    expect(out.scopes.map((s) => [s.scope, s.posted, s.error])).toEqual([
      ['nightly/cluster/prod', true, undefined],
      ['nightly/cluster/staging', true, undefined],
    ]);
    for (const s of out.scopes) expect(s.stored).toMatch(/_snapshots\//);
    expect(await h.deps.stores.snapshots.scopes()).toEqual(['nightly/cluster/prod', 'nightly/cluster/staging']);
    // The RBAC facts beside each cluster snapshot, for who-can: same scan, roles as collected.
    const facts = await h.deps.stores.rbac.latest('nightly/cluster/prod');
    expect(facts).toMatchObject({ target: 'prod', scanId: out.scopes[0].scanId });
    expect(facts?.rbac.roles.length).toBeGreaterThan(0);
    const scanLines = h.logs.filter((l) => ['scan evaluated', 'snapshot stored'].includes(l.message as string));
    expect(scanLines).toHaveLength(4);
    for (const l of scanLines) {
      expect(l.scanId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
      expect(String(l.target)).toMatch(/^nightly\/cluster\//);
      expect(l.requestId).toBe('req-1');
    }
    expect(h.metrics.filter((m) => m.Scope === 'nightly/cluster/prod' && 'ScanDuration' in m)).toHaveLength(1);
  });

  it('posts a new failure as a regression on the next night', async () => {
    const h = harness(TWO_CLUSTERS);
    const handler = createNightlyHandler(async () => h.deps, h.deps.logger);
    await handler({});
    h.roles.prod = ['ok', 'wild-1'];
    await handler({});
    expect(h.posted.filter((p) => p.scope === 'nightly/cluster/prod')).toEqual([
      { scope: 'nightly/cluster/prod', regressions: 0, baseline: true },
      { scope: 'nightly/cluster/prod', regressions: 1, baseline: false },
    ]);
  });

  it('does not store a scan whose post failed, so the retry posts the same regressions again', async () => {
    const h = harness(TWO_CLUSTERS);
    const handler = createNightlyHandler(async () => h.deps, h.deps.logger);
    await handler({});
    h.roles.prod = ['wild-1'];
    h.failPost.value = true;
    await expect(handler({})).rejects.toThrow(
      /2 of 2 scope\(s\) failed: nightly\/cluster\/prod: slack: service unavailable/,
    );
    expect((await h.deps.stores.snapshots.list('nightly/cluster/prod')).length).toBe(1);
    h.failPost.value = false;
    await handler({});
    expect(h.posted.at(-2)).toEqual({ scope: 'nightly/cluster/prod', regressions: 1, baseline: false });
    expect(h.logs.some((l) => l.message === 'scope failed' && l.target === 'nightly/cluster/prod')).toBe(true);
  });

  it('reports an unreachable cluster as unassessed, in the logs and the metrics, without failing the night', async () => {
    const h = harness(`
scope: nightly
clusters: [{ name: down, manifests: ./d }]
slack: { channel: CALERTS }
`);
    const out = await createNightlyHandler(async () => h.deps, h.deps.logger)({});
    expect(out.scopes[0].unassessedTargets).toBe(1);
    const warn = h.logs.find((l) => l.message === 'target not fully assessed');
    expect(warn).toMatchObject({ target: 'nightly/cluster/down', status: 'unreachable' });
    expect(String(warn?.reason)).toContain('ECONNREFUSED');
    const m = h.metrics.find((x) => 'UnassessedTargets' in x);
    expect(m?.UnassessedTargets).toBe(1);
  });

  it('scans only the scopes an event names, and refuses an unknown one', async () => {
    const h = harness(TWO_CLUSTERS);
    const handler = createNightlyHandler(async () => h.deps, h.deps.logger);
    const out = await handler({ scopes: ['nightly/cluster/staging'] });
    expect(out.scopes.map((s) => s.scope)).toEqual(['nightly/cluster/staging']);
    await expect(handler({ scopes: ['nightly/cluster/nope'] })).rejects.toThrow(/unknown scope/);
  });

  it('still scans and stores when Slack is not configured', async () => {
    const h = harness(TWO_CLUSTERS, { slack: false });
    const out = await createNightlyHandler(async () => h.deps, h.deps.logger)({});
    expect(out.scopes.every((s) => s.stored !== null && !s.posted)).toBe(true);
  });

  it('logs and rethrows a start failure such as an invalid configuration', async () => {
    const logs: Record<string, unknown>[] = [];
    const handler = createNightlyHandler(
      async () => {
        throw new Error('COMPLIANCE_BOT_CONFIG is not valid: clusters[0].name');
      },
      createLogger({}, (l) => logs.push(JSON.parse(l))),
    );
    await expect(handler({})).rejects.toThrow(/clusters\[0\]\.name/);
    expect(logs).toEqual([
      expect.objectContaining({ level: 'error', message: 'nightly scan could not start', error: expect.anything() }),
    ]);
  });

  it('refuses to run when no collector serves a configured cluster, rather than store an empty, clean-looking scan', async () => {
    const h = harness(TWO_CLUSTERS, { collectors: () => [] });
    await expect(createNightlyHandler(async () => h.deps, h.deps.logger)({})).rejects.toThrow(/no collector serves/);
    expect(await h.deps.stores.snapshots.scopes()).toEqual([]);
  });
});
