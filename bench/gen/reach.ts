/**
 * A synthetic cluster for the reachability bench: W workloads (Deployments with container ports) in W/50 namespaces
 * and P NetworkPolicies, as list bodies (`{kind: List, items}`), deterministic per seed. Shaped like real clusters:
 * most namespaces have a default deny and per-tier allow rules (pod selectors, namespace and pod selectors together,
 * ipBlocks with exceptions, port ranges, named ports, DNS egress); one namespace in ten has no policy at all.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from './rng';

const TIERS = ['web', 'api', 'db', 'cache', 'worker'] as const;
const TEAMS = ['pay', 'shop', 'data', 'ops', 'ml', 'search', 'auth', 'ads'];

export interface ReachBenchIndex {
  workloads: number;
  policies: number;
  namespaces: number;
  files: string[];
  bytes: number;
}

type Obj = Record<string, unknown>;

export function planReachCluster(
  workloads: number,
  policies: number,
  seed: number,
): { namespaces: Obj[]; deployments: Obj[]; policies: Obj[] } {
  const rng = new Rng(seed);
  const nsCount = Math.max(1, Math.round(workloads / 50));
  const namespaces: Obj[] = [];
  const deployments: Obj[] = [];
  const pols: Obj[] = [];
  for (let n = 0; n < nsCount; n++) {
    const name = `ns-${n}`;
    namespaces.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        labels: {
          'kubernetes.io/metadata.name': name,
          team: TEAMS[n % TEAMS.length],
          env: rng.pick(['prod', 'staging']),
        },
      },
    });
  }
  for (let i = 0; i < workloads; i++) {
    const ns = `ns-${i % nsCount}`;
    const tier = TIERS[i % TIERS.length];
    deployments.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${i}`, namespace: ns },
      spec: {
        replicas: rng.int(1, 3),
        template: {
          metadata: { labels: { app: `app-${i}`, tier, ...(rng.chance(0.3) ? { canary: 'true' } : {}) } },
          spec: {
            containers: [
              {
                name: 'main',
                image: 'registry.example/app:1',
                ports: [
                  { name: 'http', containerPort: tier === 'db' ? 5432 : 8080 },
                  { name: 'metrics', containerPort: 9090 },
                ],
              },
            ],
          },
        },
      },
    });
  }
  // A default deny in nine namespaces in ten, then allow rules spread over the namespaces until P policies.
  for (let n = 0; n < nsCount && pols.length < policies; n++) {
    if (n % 10 === 9) continue;
    pols.push(policy(`ns-${n}`, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
  }
  let k = 0;
  while (pols.length < policies) {
    const n = k % nsCount;
    if (n % 10 === 9) {
      k++;
      continue;
    }
    const ns = `ns-${n}`;
    const tier = TIERS[k % TIERS.length];
    const variant = k % 6;
    const spec: Obj = (() => {
      switch (variant) {
        case 0: // web from anywhere outside, except private ranges, on 8080-8090
          return {
            podSelector: { matchLabels: { tier: 'web' } },
            ingress: [
              {
                from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '192.168.0.0/16'] } }],
                ports: [{ port: 8080, endPort: 8090 }],
              },
            ],
          };
        case 1: // the next tier from the previous one, by named port
          return {
            podSelector: { matchLabels: { tier } },
            ingress: [
              {
                from: [{ podSelector: { matchLabels: { tier: TIERS[(TIERS.indexOf(tier) + 4) % 5] } } }],
                ports: [{ port: 'http' }],
              },
            ],
          };
        case 2: // monitoring from the ops team's namespaces, metrics port
          return {
            podSelector: {},
            ingress: [
              {
                from: [
                  {
                    namespaceSelector: { matchLabels: { team: 'ops' } },
                    podSelector: { matchLabels: { tier: 'worker' } },
                  },
                ],
                ports: [{ port: 'metrics' }],
              },
            ],
          };
        case 3: // DNS and the tier's egress
          return {
            podSelector: { matchLabels: { tier } },
            policyTypes: ['Egress'],
            egress: [
              {
                to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
                ports: [{ protocol: 'UDP', port: 53 }],
              },
              {
                to: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db', 'cache'] }] } }],
              },
            ],
          };
        case 4: // one app from the same team's namespaces
          return {
            podSelector: { matchLabels: { app: `app-${rng.int(0, workloads - 1)}` } },
            ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: TEAMS[n % TEAMS.length] } } }] }],
          };
        default: // egress to a partner range
          return {
            podSelector: { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] },
            policyTypes: ['Egress'],
            egress: [{ to: [{ ipBlock: { cidr: `203.0.${k % 256}.0/24` } }], ports: [{ port: 443 }] }],
          };
      }
    })();
    pols.push(policy(ns, `allow-${k}`, spec));
    k++;
  }
  return { namespaces, deployments, policies: pols };
}

function policy(namespace: string, name: string, spec: Obj): Obj {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

/** Writes the lists (one file per kind) and an index. */
export function writeReachCluster(workloads: number, policies: number, seed: number, dir: string): ReachBenchIndex {
  mkdirSync(dir, { recursive: true });
  const plan = planReachCluster(workloads, policies, seed);
  const files: string[] = [];
  let bytes = 0;
  for (const [file, items] of [
    ['namespaces.json', plan.namespaces],
    ['deployments.json', plan.deployments],
    ['networkpolicies.json', plan.policies],
  ] as const) {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
    writeFileSync(join(dir, file), text);
    files.push(file);
    bytes += Buffer.byteLength(text);
  }
  const index: ReachBenchIndex = {
    workloads,
    policies: plan.policies.length,
    namespaces: plan.namespaces.length,
    files,
    bytes,
  };
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
  return index;
}
