/** Shared set-up of the Slack end-to-end tests: configuration, a real scan pipeline with a tiny check, log capture. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanScopes } from '../../src/app/scan-scopes';
import type { TargetCollector } from '../../src/collectors/types';
import type { Diff, Snapshot } from '../../src/core/model';
import type { ScanSelection } from '../../src/slack/grammar';
import type { Stores } from '../../src/store/open';

export const BOT_TOKEN = 'xoxb-test-token';

export function tempDir(prefix = 'slack-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function configYaml(storeDir: string, extra = ''): string {
  return `
scope: nightly
store: { type: local, dir: ${JSON.stringify(storeDir)} }
clusters:
  - name: prod-eu
    manifests: ./manifests/prod-eu
  - name: staging
    manifests: ./manifests/staging
slack:
  channel: CALERTS
  allClear: false
  minSeverity: low
  allow:
    scan: { channels: [CSECOPS], users: [UBOB], userGroups: [SPLATFORM] }
    waive: { channels: [], users: [UALICE, UBOB], userGroups: [] }
${extra}`;
}

import { wildcardCheck } from '../support/wildcard-check';

export { wildcardCheck };

/** A cluster whose ClusterRoles the test sets: `roles.value = ['wild-1', 'ok']`. */
export function fakeCluster(name: string, roles: { value: string[] }): TargetCollector {
  return {
    target: { name, kind: 'cluster' },
    collect: async () => ({
      target: { name, kind: 'cluster' },
      facts: {
        'k8s.rbac': {
          ok: true,
          value: {
            roles: roles.value.map((n) => ({ kind: 'ClusterRole' as const, name: n, labels: {}, rules: [] })),
            bindings: [],
          },
        },
      },
    }),
  };
}

/** The worker's `scan`, through the one scan loop (src/app/scan-scopes.ts) and the real store, over fake collectors. */
export function realScan(stores: Stores, roles: { value: string[] }) {
  return async (selection: ScanSelection): Promise<{ snapshot: Snapshot; diff: Diff }[]> => {
    const names = selection.kind === 'cluster' ? [selection.name] : ['prod-eu'];
    const [out] = await scanScopes({
      scopes: [{ scope: 'nightly', collectors: names.map((n) => fakeCluster(n, roles)) }],
      trigger: 'slack',
      checks: [wildcardCheck],
      stores,
      waivers: await stores.waivers.list(),
    });
    if (!out.scan || out.error !== undefined) throw new Error(out.error);
    return [{ snapshot: out.scan.snapshot, diff: out.scan.diff }];
  };
}

/** Captures the JSON log lines written to stdout. */
export function captureLogs(): { lines: () => Record<string, unknown>[]; restore: () => void } {
  const seen: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    seen.push(String(chunk));
    return true;
  });
  return {
    lines: () =>
      seen
        .flatMap((s) => s.split('\n'))
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    restore: () => spy.mockRestore(),
  };
}
