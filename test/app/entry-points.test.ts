/**
 * The three scan entry points (`compliance-bot scan`, the nightly Lambda, the Slack worker's scan) over the same
 * configuration and the same manifests, each into its own store: one scan loop (src/app/scan-scopes.ts), so the same
 * snapshot series and the same save decision per scope, for a clean baseline, a partial scan (a manifest that does not
 * parse) beside a new finding, and a scope whose store cannot be read (that scope stores nothing, the others do).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allChecks, configuredChecks } from '../../src/app/checks';
import { createNightlyHandler } from '../../src/app/nightly';
import { buildRuntime } from '../../src/app/runtime';
import { scanWith } from '../../src/app/worker';
import { createLogger } from '../../src/aws/logger';
import { createMetrics } from '../../src/aws/metrics';
import type { CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { parseConfig } from '../../src/config/load';
import type { Snapshot } from '../../src/core/model';
import { collectorsFor } from '../../src/scan/targets';
import { openStores } from '../../src/store/open';

const DEMO_RBAC = join(__dirname, '../../examples/demo-cluster/rbac');
const silent = createLogger({}, () => {});
const config = (store: string) => `
scope: eq
store: { type: local, dir: ${JSON.stringify(store)} }
clusters:
  - { name: staging, manifests: ./staging }
  - { name: prod, manifests: ./prod }
`;

let work: string;
const store = (entry: string) => join(work, `store-${entry}`);

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'entry-points-'));
  for (const c of ['prod', 'staging']) cpSync(DEMO_RBAC, join(work, c, 'rbac'), { recursive: true });
  writeFileSync(join(work, 'compliance-bot.config.yaml'), config(store('cli')));
  // prod: a User bound to cluster-admin, an open finding from the first scan on.
  writeFileSync(
    join(work, 'prod', 'rbac', 'alice.yaml'),
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: alice-admin }\n' +
      'roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\n' +
      'subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: User, name: alice }]\n',
  );
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Each entry point's scan of every configured scope; resolves to whether it reported a failed scope. */
const entryPoints: Record<string, () => Promise<boolean>> = {
  async cli() {
    const io: CliIo = { stdout: () => {}, stderr: () => {}, cwd: work, env: { HOME: work }, isTTY: false };
    const code = await main(['scan', '--format', 'json', '--quiet', '--store', store('cli')], io);
    return code !== 0;
  },
  async nightly() {
    const c = parseConfig(config(store('nightly')));
    const run = createNightlyHandler(
      async () => ({
        config: c,
        checks: configuredChecks(allChecks, c),
        collectors: (cfg, selection) => collectorsFor(cfg, selection, { baseDir: work }),
        stores: openStores(c.store),
        publish: null,
        logger: silent,
        metrics: createMetrics({ namespace: 'ComplianceBot', stage: 'test', detail: 'scope' }, () => {}),
      }),
      silent,
    );
    return run({}).then(
      () => false,
      () => true,
    );
  },
  async worker() {
    const rt = buildRuntime({ COMPLIANCE_BOT_CONFIG: config(store('worker')) }, 'scan-worker', {
      collectorDeps: { baseDir: work },
      logger: silent,
    });
    const out = await scanWith(rt)({ kind: 'all' });
    return out.some((s) => 'error' in s);
  },
};

/** What a stored snapshot says, without what differs by entry point or by run (IDs, times, trigger). */
function essence(s: Snapshot) {
  return {
    scope: s.scope,
    chained: s.previousSha256 !== null,
    checks: s.checks,
    targets: s.targets,
    results: s.results.map((r) => `${r.checkId} ${r.target} ${r.fingerprint} ${r.status}`).sort(),
    carried: s.carried.map((r) => `${r.checkId} ${r.fingerprint} ${r.status}`).sort(),
  };
}

async function series(entry: string, scope: string) {
  const snapshots = openStores({ type: 'local', dir: store(entry) }).snapshots;
  const out: ReturnType<typeof essence>[] = [];
  for (const ref of await snapshots.list(scope)) out.push(essence((await snapshots.get(ref)).snapshot));
  return out;
}

describe('The CLI scan, the nightly scan and the Slack worker scan', () => {
  it('store the same snapshot series and make the same save decision for each scope', async () => {
    const names = Object.keys(entryPoints);
    for (const name of names) expect([name, await entryPoints[name]()]).toEqual([name, false]);

    // prod: a manifest that does not parse (the target is partial, the finding must be carried, not resolved).
    writeFileSync(join(work, 'prod', 'rbac', 'broken.yaml'), 'kind: [unclosed\n');
    // staging, scanned first: its snapshot folder replaced by a file, so its baseline cannot be read.
    for (const name of names) {
      const snaps = join(store(name), 'eq', 'cluster', 'staging', '_snapshots');
      rmSync(snaps, { recursive: true });
      mkdirSync(join(snaps, '..'), { recursive: true });
      writeFileSync(snaps, 'not a folder');
    }
    for (const name of names) expect([name, await entryPoints[name]()]).toEqual([name, true]);

    const prod = await series('cli', 'eq/cluster/prod');
    expect(prod).toHaveLength(2);
    expect(prod[1].chained).toBe(true);
    expect(prod[1].targets).toEqual([
      { name: 'prod', kind: 'cluster', status: 'partial', reason: expect.stringContaining('broken.yaml') },
    ]);
    const open = prod[0].results.filter((r) => r.endsWith(' fail'));
    expect(open.length).toBeGreaterThan(0);
    expect(prod[1].results.filter((r) => r.endsWith(' fail')).length + prod[1].carried.length).toBeGreaterThan(0);
    expect(prod[1].carried).toEqual(open.map((r) => r.replace(' prod ', ' ')));
    for (const name of names) {
      // Nothing was stored for the scope that failed: its snapshot folder is still the file put there.
      expect([name, readFileSync(join(store(name), 'eq', 'cluster', 'staging', '_snapshots'), 'utf8')]).toEqual([
        name,
        'not a folder',
      ]);
    }
    for (const name of ['nightly', 'worker']) {
      expect([name, await series(name, 'eq/cluster/prod')]).toEqual([name, prod]);
    }
  }, 120_000);
});
