import { KubeFactBuilder } from './reduce';
import { containerPortsOf } from './reduce-ports';

const deployment = (name: string, containers: unknown[]) => ({
  kind: 'Deployment',
  metadata: { name, namespace: 'shop' },
  spec: { replicas: 1, template: { metadata: { labels: { app: name } }, spec: { containers } } },
});

function workloads(objects: unknown[], source: 'live' | 'manifests' = 'manifests') {
  const b = new KubeFactBuilder({ source });
  for (const o of objects) b.add(o);
  const f = b.finish()['k8s.workloads'];
  if (!f?.ok) throw new Error('workloads not collected');
  return f.value;
}

describe('Function: containerPortsOf', () => {
  it('reads every container, names and protocols (TCP by default), and skips malformed ports', () => {
    expect(
      containerPortsOf({
        initContainers: [{ ports: [{ containerPort: 1 }] }],
        containers: [
          {
            name: 'web',
            ports: [
              { name: 'http', containerPort: 8080 },
              { containerPort: 9090, protocol: 'UDP' },
            ],
          },
          { name: 'bad', ports: [{ containerPort: 0 }, { containerPort: 70000 }, { name: 'x' }, 'junk'] },
          { name: 'none' },
        ],
      }),
    ).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { containerPort: 9090, protocol: 'UDP' },
    ]);
    expect(containerPortsOf(undefined)).toEqual([]);
  });
});

describe('Class: KubeFactBuilder (container ports)', () => {
  it("gives each controller its template's ports, CronJobs and bare Pods included", () => {
    const out = workloads([
      deployment('web', [{ name: 'web', ports: [{ name: 'http', containerPort: 8080 }] }]),
      {
        kind: 'CronJob',
        metadata: { name: 'report', namespace: 'shop' },
        spec: {
          jobTemplate: { spec: { template: { spec: { containers: [{ ports: [{ containerPort: 9000 }] }] } } } },
        },
      },
      { kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' }, spec: { containers: [{ name: 'sh' }] } },
    ]);
    expect(out.map((w) => [w.kind, w.name, w.ports])).toEqual([
      ['CronJob', 'report', [{ containerPort: 9000, protocol: 'TCP' }]],
      ['Deployment', 'web', [{ name: 'http', containerPort: 8080, protocol: 'TCP' }]],
      ['Pod', 'debug', []],
    ]);
  });

  it("takes the ports of a workload whose controller was not listed from its pods; a controller's own template wins", () => {
    const pod = (name: string, owner: string, port: number) => ({
      kind: 'Pod',
      metadata: { name, namespace: 'shop', ownerReferences: [{ kind: 'StatefulSet', name: owner, controller: true }] },
      spec: { containers: [{ ports: [{ name: 'pg', containerPort: port }] }] },
      status: { phase: 'Running' },
    });
    const out = workloads([pod('db-0', 'db', 5432), pod('db-1', 'db', 1)], 'live');
    expect(out.map((w) => [w.kind, w.name, w.ports])).toEqual([
      ['StatefulSet', 'db', [{ name: 'pg', containerPort: 5432, protocol: 'TCP' }]],
    ]);
    const withController = workloads(
      [
        pod('db-0', 'db', 1),
        {
          kind: 'StatefulSet',
          metadata: { name: 'db', namespace: 'shop' },
          spec: { template: { spec: { containers: [{ ports: [{ name: 'pg', containerPort: 5432 }] }] } } },
        },
      ],
      'live',
    );
    expect(withController[0].ports).toEqual([{ name: 'pg', containerPort: 5432, protocol: 'TCP' }]);
  });

  it('gives a ReplicaSet known only from its pods the ports its pods declare', () => {
    const out = workloads(
      [
        {
          kind: 'Pod',
          metadata: {
            name: 'web-abc-1',
            namespace: 'shop',
            ownerReferences: [{ kind: 'ReplicaSet', name: 'web-abc', controller: true }],
          },
          spec: { containers: [{ ports: [{ containerPort: 80 }] }] },
          status: { phase: 'Running' },
        },
      ],
      'live',
    );
    expect(out.map((w) => [w.kind, w.name, w.ports])).toEqual([
      ['ReplicaSet', 'web-abc', [{ containerPort: 80, protocol: 'TCP' }]],
    ]);
  });
});
