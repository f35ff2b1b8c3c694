/**
 * One identity for a machine: the SSM fleet's hosts joined to the cluster's Nodes by providerID, EC2 facts merged in,
 * Nodes the group did not reach reported unassessed by name, and the names carried into the snapshot.
 */
import { checks } from '../../checks';
import { machineFleet } from '../../src/collectors/ec2/fleet';
import { instanceIdOfProviderId, joinNodes } from '../../src/collectors/ec2/identity';
import type { FleetCollector } from '../../src/collectors/types';
import type { KNode } from '../../src/core/facts/k8s';
import { machineLabel, namesMachine } from '../../src/core/machine';
import type { TargetFacts } from '../../src/core/model';
import { runScan } from '../../src/scan/run-scan';

const A = 'i-0aaaaaaaaaaaaaaa1';
const B = 'i-0bbbbbbbbbbbbbbb2';
const C = 'i-0ccccccccccccccc3';

const node = (name: string, providerID?: string): KNode => ({
  name,
  labels: {},
  controlPlane: false,
  ...(providerID ? { providerID } : {}),
});

const NODES = [
  node('ip-10-0-1-1.eu-west-1.compute.internal', `aws:///eu-west-1a/${A}`),
  node('ip-10-0-1-2.eu-west-1.compute.internal', `aws:///eu-west-1b/${B}`),
  node('ip-10-0-1-3.eu-west-1.compute.internal', `aws:///eu-west-1c/${C}`),
  node('onprem-1', 'kind://docker/kind/onprem-1'),
];

/** A fleet that answered for A (its probe facts) and could not reach B. */
function fakeFleet(): FleetCollector {
  return {
    name: 'nodes',
    async collect() {
      const facts: TargetFacts[] = [
        {
          target: { name: A, kind: 'host' },
          facts: { 'host.os': { ok: true, value: { id: 'amzn', hostname: 'ip-10-0-1-1' } } },
        },
      ];
      return { facts, unreachable: [{ target: { name: B, kind: 'host' }, reason: 'ConnectionLost' }] };
    },
  };
}

const ctx = { reporter: { progress: () => {}, warn: () => {} } };

describe('Machine identity: src/collectors/ec2/identity.ts', () => {
  it.each([
    ['aws:///eu-west-1a/i-0123456789abcdef0', 'i-0123456789abcdef0'],
    ['aws:////i-0123456789abcdef0', 'i-0123456789abcdef0'],
    ['aws:///eu-west-1a/i-0123456789abcdef0/extra', undefined],
    ['gce://project/zone/node', undefined],
    ['aws:///eu-west-1a/mi-0123456789abcdef0', undefined],
    [undefined, undefined],
  ])('instance of providerID %s is %s', (providerID, expected) => {
    expect(instanceIdOfProviderId(providerID)).toBe(expected);
  });

  it('joins the Nodes whose instance the group knows, and lists the others', () => {
    const join = joinNodes(NODES, new Set([A, B]));
    expect([...join.nodeOf]).toEqual([
      [A, 'ip-10-0-1-1.eu-west-1.compute.internal'],
      [B, 'ip-10-0-1-2.eu-west-1.compute.internal'],
    ]);
    expect(join.unmatched).toEqual([
      { node: 'ip-10-0-1-3.eu-west-1.compute.internal', instanceId: C },
      { node: 'onprem-1', instanceId: null },
    ]);
  });

  it('names a machine once, and finds it by any of its names', () => {
    const identity = { instanceId: A, managedInstanceId: A, nodeName: 'ip-10-0-1-1.eu-west-1.compute.internal' };
    expect(machineLabel(A, identity)).toBe(`${A} (Node ip-10-0-1-1.eu-west-1.compute.internal)`);
    expect(machineLabel(A, { instanceId: A })).toBe(A);
    expect(namesMachine('IP-10-0-1-1.eu-west-1.compute.internal', A, identity)).toBe(true);
    expect(namesMachine(A, A, identity)).toBe(true);
    expect(namesMachine(B, A, identity)).toBe(false);
  });
});

describe('Machine fleet: src/collectors/ec2/fleet.ts', () => {
  it('names each machine by instance, managed instance and Node, and reports Nodes it did not reach by name', async () => {
    const fleet = machineFleet(fakeFleet(), {
      ec2UnavailableReason: 'no AWS credentials: test',
      listNodes: async () => NODES,
      clusterName: 'prod',
    });
    const out = await fleet.collect(ctx);
    expect(out.facts.map((f) => f.target)).toEqual([
      {
        name: A,
        kind: 'host',
        identity: { instanceId: A, managedInstanceId: A, nodeName: 'ip-10-0-1-1.eu-west-1.compute.internal' },
      },
    ]);
    // EC2 facts unknown with the reason when EC2 cannot be read; the probe facts kept.
    expect(out.facts[0].facts['ec2.instance']).toEqual({ ok: false, reason: 'no AWS credentials: test' });
    expect(out.facts[0].facts['host.os']?.ok).toBe(true);
    expect(out.unreachable).toEqual([
      {
        target: {
          name: B,
          kind: 'host',
          identity: { instanceId: B, managedInstanceId: B, nodeName: 'ip-10-0-1-2.eu-west-1.compute.internal' },
        },
        reason: 'ConnectionLost',
      },
      {
        target: {
          name: C,
          kind: 'host',
          identity: { instanceId: C, managedInstanceId: C, nodeName: 'ip-10-0-1-3.eu-west-1.compute.internal' },
        },
        reason: `Node ip-10-0-1-3.eu-west-1.compute.internal of cluster prod runs on ${C}, which SSM did not report for host group nodes (not a managed instance, or outside the group's tags)`,
      },
      {
        target: { name: 'onprem-1', kind: 'host', identity: { nodeName: 'onprem-1' } },
        reason:
          'Node onprem-1 of cluster prod has no EC2 providerID (aws:///ZONE/i-…): no instance to probe through SSM',
      },
    ]);
  });

  it('names machines by instance only, with a warning, when the Nodes cannot be listed', async () => {
    const warnings: string[] = [];
    const fleet = machineFleet(fakeFleet(), {
      listNodes: () => Promise.reject(new Error('HTTP 403')),
      clusterName: 'prod',
    });
    const out = await fleet.collect({ reporter: { progress: () => {}, warn: (m) => warnings.push(m) } });
    expect(out.facts[0].target.identity).toEqual({ instanceId: A, managedInstanceId: A });
    expect(out.unreachable.map((u) => u.target.name)).toEqual([B]);
    expect(warnings).toEqual(['the Nodes of prod could not be listed, machines are named by instance only: HTTP 403']);
  });

  it('carries the names into the snapshot, and an unreached Node is unassessed, never pass', async () => {
    const scan = await runScan({
      scope: 'hosts/nodes',
      trigger: 'test',
      collectors: [machineFleet(fakeFleet(), { listNodes: async () => NODES, clusterName: 'prod' })],
      checks,
      store: null,
      clock: () => new Date('2026-06-01T00:00:00Z'),
    });
    const byName = new Map(scan.snapshot.targets.map((t) => [t.name, t]));
    expect(byName.get(A)?.identity?.nodeName).toBe('ip-10-0-1-1.eu-west-1.compute.internal');
    expect(byName.get(A)?.status).toBe('partial');
    expect(byName.get(C)).toMatchObject({
      status: 'unreachable',
      identity: { nodeName: 'ip-10-0-1-3.eu-west-1.compute.internal' },
    });
    expect(byName.get('onprem-1')?.status).toBe('unreachable');
    const ofC = scan.snapshot.results.filter((r) => r.target === C);
    expect(ofC.length).toBeGreaterThan(0);
    expect(ofC.every((r) => r.status === 'unknown')).toBe(true);
    expect(ofC[0].message).toContain(
      `Could not assess: ${C} (Node ip-10-0-1-3.eu-west-1.compute.internal) is unreachable`,
    );
    // EC2 checks of the assessed machine: unknown with the reason, never pass.
    const ec2OfA = scan.snapshot.results.filter((r) => r.target === A && r.checkId.startsWith('host.ec2.'));
    expect(ec2OfA.length).toBe(7);
    expect(ec2OfA.every((r) => r.status === 'unknown' && r.message.includes('EC2 is not available'))).toBe(true);
  });
});

describe('Reports: one machine named once', () => {
  it('names an unreached Node by instance and Node in the text, Markdown and Slack reports', async () => {
    const { render } = await import('../../src/report');
    const { renderScanReport } = await import('../../src/report/slack-blocks');
    const scan = await runScan({
      scope: 'hosts/nodes',
      trigger: 'test',
      collectors: [machineFleet(fakeFleet(), { listNodes: async () => NODES, clusterName: 'prod' })],
      checks,
      store: null,
      clock: () => new Date('2026-06-01T00:00:00Z'),
    });
    const label = `${B} (Node ip-10-0-1-2.eu-west-1.compute.internal)`;
    const input = { snapshot: scan.snapshot, diff: scan.diff, checks, stored: null };
    expect(render('text', input, { color: false, verbose: false })).toContain(label);
    expect(render('markdown', input, { color: false, verbose: false })).toContain(label);
    const slack = JSON.stringify(renderScanReport(scan.snapshot, scan.diff));
    expect(slack).toContain(label);
    const json = JSON.parse(render('json', input, { color: false, verbose: false })) as {
      targets: { name: string; identity?: Record<string, string> }[];
    };
    expect(json.targets.find((t) => t.name === B)?.identity).toEqual({
      instanceId: B,
      managedInstanceId: B,
      nodeName: 'ip-10-0-1-2.eu-west-1.compute.internal',
    });
  });
});
