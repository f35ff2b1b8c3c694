import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { FIXTURE_OBJECTS } from '../../../test/k8s/fixture-cluster';
import { startTestApiServer } from '../../../test/k8s-server/server';
import { run } from './can-reach';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), cwd: '/', env: {} },
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-canreach-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const demo = (t: ReturnType<typeof io>, args: string[]) => run(args, t.io);

describe('Function: run (can-reach)', () => {
  it('maps the demo cluster when nothing is given, with what cannot be known', async () => {
    const t = io();
    expect(await demo(t, [])).toBe(0);
    const out = t.out.join('');
    expect(t.err.join('')).toContain('reading the demo cluster in examples/demo-cluster');
    expect(out).toContain('Allowed traffic (26 paths):\n');
    expect(out).toContain('  Deployment shop/api -> StatefulSet shop/postgres: TCP/5432\n');
    expect(out).toContain('  0.0.0.0/0 -> Deployment shop/frontend: TCP/8080\n');
    expect(out).toContain('  anywhere (0.0.0.0/0, ::/0) -> Deployment payments/ledger: all traffic\n');
    expect(out).not.toContain('monitoring/prometheus');
    expect(out).toMatch(
      /Cannot be known from the API objects:\n {2}- DaemonSet monitoring\/node-exporter runs on the host network: NetworkPolicies do not apply to it.*\n {2}- Whether the network plugin enforces NetworkPolicies at all.*\n {2}- ipBlocks are taken to match only addresses outside the pods/,
    );
  });

  it('prints the map as JSON exactly: connections with workload or cidrs peers, "all" or port entries, sorted', async () => {
    const t = io();
    expect(await demo(t, ['--format', 'json'])).toBe(0);
    const body = JSON.parse(t.out.join('')) as { connections: unknown[] };
    expect(Object.keys(body)).toEqual(['connections']);
    expect(body.connections).toHaveLength(26);
    expect(body.connections).toContainEqual({
      from: { workload: { kind: 'Deployment', namespace: 'shop', name: 'api' } },
      to: { workload: { kind: 'StatefulSet', namespace: 'shop', name: 'postgres' } },
      traffic: [{ protocol: 'TCP', port: 5432 }],
    });
    expect(body.connections).toContainEqual({
      from: { cidrs: ['0.0.0.0/0'] },
      to: { workload: { kind: 'Deployment', namespace: 'shop', name: 'frontend' } },
      traffic: [{ protocol: 'TCP', port: 8080 }],
    });
    expect(body.connections[0]).toEqual({
      from: { workload: { kind: 'DaemonSet', namespace: 'monitoring', name: 'node-exporter' } },
      to: { workload: { kind: 'DaemonSet', namespace: 'monitoring', name: 'node-exporter' } },
      traffic: 'all',
    });
    expect(t.err.join('')).toContain('note: Whether the network plugin enforces NetworkPolicies');
  });

  it('answers one question yes with the evidence of both sides', async () => {
    const t = io();
    expect(await demo(t, ['--from', 'shop/api', '--to', 'statefulset:shop/postgres', '--port', 'TCP/5432'])).toBe(0);
    expect(t.out.join('')).toContain(
      [
        'Can shop/api reach statefulset:shop/postgres on TCP/5432? yes',
        'Deployment shop/api -> StatefulSet shop/postgres: yes, TCP/5432',
        '    egress: allowed by shop/api-from-frontend (egress rule 1: TCP/5432)',
        '    ingress: allowed by shop/postgres-from-api (ingress rule 1: all traffic)',
      ].join('\n'),
    );
  });

  it('answers no with the policies that block it, and the port asked', async () => {
    const t = io();
    expect(await demo(t, ['--from', 'shop/api', '--to', 'shop/postgres', '--port', 'udp/53'])).toBe(0);
    const out = t.out.join('');
    expect(out).toContain('Can shop/api reach shop/postgres on UDP/53? no');
    expect(out).toContain(
      '    egress: blocked: Deployment shop/api is isolated for egress by shop/api-from-frontend; no rule of theirs allows traffic to StatefulSet shop/postgres on UDP/53',
    );
  });

  it('answers for address ranges and label selectors, as JSON with the evidence', async () => {
    const t = io();
    expect(await demo(t, ['--from', '203.0.113.7', '--to', 'app=frontend', '--format', 'json'])).toBe(0);
    const body = JSON.parse(t.out.join(''));
    expect(body.allowed).toBe(true);
    expect(body.connections).toEqual([
      {
        from: { cidrs: ['203.0.113.7/32'] },
        to: { workload: { kind: 'Deployment', namespace: 'shop', name: 'frontend' } },
        traffic: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
    expect(body.evidence[0].ingress).toEqual({
      workload: { kind: 'Deployment', namespace: 'shop', name: 'frontend' },
      hostNetwork: false,
      isolatedBy: ['shop/default-deny-ingress', 'shop/frontend-from-anywhere'],
      allowedBy: [{ policy: 'shop/frontend-from-anywhere', rule: 0, traffic: [{ protocol: 'TCP', port: 8080 }] }],
    });
    expect(body.unknowable.length).toBeGreaterThan(0);
  });

  it('draws the map as a Graphviz digraph, namespaces as clusters, edges labelled', async () => {
    const t = io();
    expect(await demo(t, ['--format', 'dot'])).toBe(0);
    const out = t.out.join('');
    expect(out.startsWith('digraph reach {\n')).toBe(true);
    expect(out).toContain('label="namespace shop";');
    expect(out).toContain('"Deployment/shop/api" -> "StatefulSet/shop/postgres" [label="TCP/5432"];');
    expect(out).toContain('"0.0.0.0/0" -> "Deployment/shop/frontend" [label="TCP/8080"];');
  });

  it('writes a Markdown table', async () => {
    const t = io();
    expect(await demo(t, ['--format', 'markdown'])).toBe(0);
    expect(t.out.join('')).toContain('| Deployment shop/api | StatefulSet shop/postgres | TCP/5432 |');
  });

  it('reads manifests and counts ipBlocks for pods with the setting', async () => {
    const m = join(dir, 'm');
    mkdirSync(m);
    writeFileSync(
      join(m, 'all.yaml'),
      stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'a', namespace: 'x' },
            spec: { template: { metadata: { labels: { app: 'a' } } } },
          },
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'b', namespace: 'x' },
            spec: { template: { metadata: { labels: { app: 'b' } } } },
          },
          {
            apiVersion: 'networking.k8s.io/v1',
            kind: 'NetworkPolicy',
            metadata: { name: 'p', namespace: 'x' },
            spec: {
              podSelector: { matchLabels: { app: 'b' } },
              ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
            },
          },
        ],
      }),
    );
    const t = io();
    expect([await run(['--manifests', m, '--from', 'x/a', '--to', 'x/b'], t.io), t.err.join('')]).toEqual([0, '']);
    expect(t.out.join('')).toContain('? no');
    const u = io();
    expect(
      await run(
        ['--manifests', m, '--from', 'x/a', '--to', 'x/b', '--ip-block-matches-pods', '--pod-cidrs', '10.244.0.0/16'],
        u.io,
      ),
    ).toBe(0);
    expect(u.out.join('')).toContain('? yes');
  });

  it('reads a live cluster through its kubeconfig (the lists reachability needs only)', async () => {
    const api = await startTestApiServer({ objects: FIXTURE_OBJECTS });
    const kc = join(dir, 'kubeconfig');
    writeFileSync(kc, api.kubeconfig());
    try {
      const t = io();
      expect(await run(['--kubeconfig', kc, '--context', 'test', '--format', 'json'], t.io)).toBe(0);
      expect(JSON.parse(t.out.join('')).connections.length).toBeGreaterThan(0);
      expect(api.requests.some((r) => r.path.includes('/secrets'))).toBe(false);
      expect(api.requests.some((r) => r.path.includes('/networkpolicies'))).toBe(true);
    } finally {
      await api.close();
    }
  });

  it.each([
    [['--from', 'shop/api'], 'give both --from and --to'],
    [['--port', 'TCP/80'], '--port goes with --from and --to'],
    [['--from', 'shop/api', '--to', 'shop/x', '--port', 'TCP/99999'], '--port: "TCP/99999": ports go from 1 to 65535'],
    [['--from', 'shop/api', '--to', 'shop/x', '--port', 'ICMP/1'], 'is not a port'],
    [['--from', '../etc/passwd', '--to', 'shop/x'], '--from:'],
    [['--from', 'shop/a;b', '--to', 'shop/x'], 'is not a workload name'],
    [['--from', '10.0.0.0/8', '--to', '0.0.0.0/0'], 'one end must be a workload'],
    [['--from', 'shop/api', '--to', 'shop/x', '--format', 'dot'], '--format dot draws the whole map'],
    [['--format', 'yaml'], '--format "yaml": use one of text, json, markdown, dot'],
    [['--pod-cidrs', '10.0.0.0/33'], '--pod-cidrs: "10.0.0.0/33" is not a CIDR'],
    [['--manifests', '/x', '--kubeconfig', '/y'], 'not both'],
  ])('exits 2 on %j with a message', async (args, message) => {
    const t = io();
    expect(await run(args, t.io)).toBe(2);
    expect(t.err.join('')).toContain(message);
  });
});
