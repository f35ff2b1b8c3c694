import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wildcardCheck as wildcard } from '../../test/support/wildcard-check';
import type { TargetCollector } from '../collectors/types';
import { parseConfig } from '../config/load';
import type { Snapshot } from '../core/model';
import { openStores, type Stores } from '../store/open';
import { type PlannedScope, planScopes, type ScanScopesRequest, scanScopes } from './scan-scopes';

/** A cluster whose roles the test sets; `null` roles: the RBAC fact could not be read (a partial target). */
function cluster(name: string, roles: { value: string[] | null }, gate?: () => Promise<void>): TargetCollector {
  return {
    target: { name, kind: 'cluster' },
    collect: async () => {
      await gate?.();
      return {
        target: { name, kind: 'cluster' },
        facts: {
          'k8s.rbac':
            roles.value === null
              ? { ok: false, reason: 'forbidden: clusterroles' }
              : {
                  ok: true,
                  value: {
                    roles: roles.value.map((n) => ({ kind: 'ClusterRole' as const, name: n, labels: {}, rules: [] })),
                    bindings: [],
                  },
                },
        },
      };
    },
  };
}

let dir: string;
let stores: Stores;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scan-scopes-'));
  stores = openStores({ type: 'local', dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (scopes: PlannedScope[], over: Partial<ScanScopesRequest> = {}) =>
  scanScopes({ scopes, trigger: 'test', checks: [wildcard], stores, ...over });

const stored = async (scope: string): Promise<Snapshot[]> => {
  const out: Snapshot[] = [];
  for (const ref of await stores.snapshots.list(scope)) out.push((await stores.snapshots.get(ref)).snapshot);
  return out;
};

describe('Function: planScopes', () => {
  it('names one scope per host group and cluster of the selection, each with its own collectors', () => {
    const config = parseConfig(
      'scope: x\nclusters: [{ name: prod, manifests: ./p }, { name: dev, manifests: ./d }]\nhostGroups: [{ name: web, local: true }]\n',
    );
    const plan = planScopes(config, { kind: 'clusters' }, (_c, s) => [cluster(JSON.stringify(s), { value: [] })]);
    expect(plan.map((p) => [p.scope, p.collectors.map((c) => (c as TargetCollector).target.name)])).toEqual([
      ['x/cluster/prod', ['{"kind":"cluster","name":"prod"}']],
      ['x/cluster/dev', ['{"kind":"cluster","name":"dev"}']],
    ]);
  });
});

describe('Function: scanScopes', () => {
  it('posts each scope before storing it, and stores nothing for a scope whose post failed', async () => {
    const events: string[] = [];
    const roles = { value: ['wild-1'] };
    const out = await run(
      [
        { scope: 'x/cluster/prod', collectors: [cluster('prod', roles)] },
        { scope: 'x/cluster/dev', collectors: [cluster('dev', roles)] },
      ],
      {
        post: async (_scan, scope) => {
          events.push(`post ${scope} ${(await stores.snapshots.list(scope)).length}`);
          if (scope === 'x/cluster/dev') throw new Error('slack: service unavailable');
        },
        hooks: { stored: (scope) => events.push(`stored ${scope}`) },
      },
    );
    expect(events).toEqual(['post x/cluster/prod 0', 'stored x/cluster/prod', 'post x/cluster/dev 0']);
    expect(out.map((o) => [o.scope, o.posted, o.stored !== null, o.error])).toEqual([
      ['x/cluster/prod', true, true, undefined],
      ['x/cluster/dev', false, false, 'slack: service unavailable'],
    ]);
    expect(await stored('x/cluster/dev')).toEqual([]);
    // The retry diffs against the same baseline: the regression is posted again, then stored.
    const retry = await run([{ scope: 'x/cluster/dev', collectors: [cluster('dev', roles)] }], {
      post: async () => {},
    });
    expect(retry[0].scan?.diff).toMatchObject({ baseline: true });
    expect(retry[0].stored).not.toBeNull();
  });

  it('goes on with the other scopes when one fails: no collector, an unreadable baseline, a failed store', async () => {
    const roles = { value: ['ok'] };
    const snapshots = stores.snapshots;
    const failing: Stores = {
      ...stores,
      snapshots: Object.assign(Object.create(snapshots), {
        latest: (scope: string) =>
          scope === 'x/cluster/unreadable' ? Promise.reject(new Error('AccessDenied')) : snapshots.latest(scope),
        save: (s: Snapshot) => (s.scope === 'x/cluster/full' ? Promise.reject(new Error('ENOSPC')) : snapshots.save(s)),
      }),
    };
    const failed: string[] = [];
    const out = await run(
      [
        { scope: 'x/cluster/none', collectors: [] },
        { scope: 'x/cluster/unreadable', collectors: [cluster('unreadable', roles)] },
        { scope: 'x/cluster/full', collectors: [cluster('full', roles)] },
        { scope: 'x/cluster/prod', collectors: [cluster('prod', roles)] },
      ],
      { stores: failing, hooks: { failed: (scope) => failed.push(scope) } },
    );
    expect(out.map((o) => [o.scope, o.stored !== null, o.error])).toEqual([
      ['x/cluster/none', false, expect.stringMatching(/^no collector serves x\/cluster\/none/)],
      ['x/cluster/unreadable', false, 'AccessDenied'],
      ['x/cluster/full', false, 'ENOSPC'],
      ['x/cluster/prod', true, undefined],
    ]);
    expect(failed).toEqual(['x/cluster/none', 'x/cluster/unreadable', 'x/cluster/full']);
    expect(out[2].scan?.snapshot.scope).toBe('x/cluster/full');
  });

  it('stores a partial scan with the earlier failure carried, never resolved', async () => {
    const roles: { value: string[] | null } = { value: ['wild-1'] };
    const plan = [{ scope: 'x/cluster/prod', collectors: [cluster('prod', roles)] }];
    await run(plan);
    roles.value = null;
    const [partial] = await run(plan);
    expect(partial.scan?.snapshot.targets).toEqual([
      { name: 'prod', kind: 'cluster', status: 'partial', reason: 'k8s.rbac: forbidden: clusterroles' },
    ]);
    expect(partial.scan?.diff.resolved).toEqual([]);
    const series = await stored('x/cluster/prod');
    expect(series).toHaveLength(2);
    expect(series[1].carried.map((r) => [r.checkId, r.status])).toEqual([[wildcard.id, 'fail']]);
  });

  it('neither reads a baseline nor stores without stores, and still posts', async () => {
    const posted: string[] = [];
    const out = await run([{ scope: 'x/cluster/prod', collectors: [cluster('prod', { value: ['ok'] })] }], {
      stores: null,
      post: async (_s, scope) => {
        posted.push(scope);
      },
    });
    expect(out[0]).toMatchObject({ posted: true, stored: null, scan: { stored: null } });
    expect(posted).toEqual(['x/cluster/prod']);
    expect(await stores.snapshots.scopes()).toEqual([]);
  });

  it('stores the RBAC facts beside a stored cluster snapshot, and a failure to store them is only a warning', async () => {
    const warnings: string[] = [];
    const ok = await run([{ scope: 'x/cluster/prod', collectors: [cluster('prod', { value: ['ok'] })] }]);
    expect(await stores.rbac.latest('x/cluster/prod')).toMatchObject({ scanId: ok[0].scan?.snapshot.scanId });
    const out = await run([{ scope: 'x/cluster/dev', collectors: [cluster('dev', { value: ['ok'] })] }], {
      stores: {
        ...stores,
        rbac: Object.assign(Object.create(stores.rbac), { save: () => Promise.reject(new Error('503')) }),
      },
      hooks: { reporter: () => ({ progress: () => {}, warn: (m) => warnings.push(m) }) },
    });
    expect(out[0].stored).not.toBeNull();
    expect(out[0].error).toBeUndefined();
    expect(warnings).toEqual(['RBAC facts of dev not stored: 503']);
  });

  it('scans at most `concurrency` scopes at once and returns the outcomes in plan order', async () => {
    let active = 0;
    let most = 0;
    const gate = async () => {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setImmediate(r));
      active--;
    };
    const plan = ['a', 'b', 'c', 'd', 'e'].map((n) => ({
      scope: `x/cluster/${n}`,
      collectors: [cluster(n, { value: ['ok'] }, gate)],
    }));
    const out = await run(plan, { concurrency: 2, stores: null });
    expect(most).toBe(2);
    expect(out.map((o) => o.scope)).toEqual(plan.map((p) => p.scope));
  });
});
