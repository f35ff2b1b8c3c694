import type { KWorkload } from '../../core/facts/k8s';
import { KubeFactBuilder } from './reduce';
import { podSecurityOf } from './reduce-pod-security';

const RISKY_SPEC = {
  os: { name: 'linux' },
  hostPID: true,
  hostIPC: false,
  hostNetwork: true,
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 1000,
    seccompProfile: { type: 'RuntimeDefault' },
    supplementalGroups: [0],
  },
  volumes: [
    { name: 'docker', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } },
    { name: 'cache', emptyDir: {} },
  ],
  initContainers: [{ name: 'setup', image: 'busybox', securityContext: { privileged: true } }],
  containers: [
    {
      name: 'app',
      image: 'registry.example/app:1',
      command: ['/app', '--token=abc'],
      ports: [{ containerPort: 8080, hostPort: 8080 }, { containerPort: 9090, hostPort: 0 }, { containerPort: 7000 }],
      env: [
        { name: 'PLAIN', value: 'not-a-secret-but-never-kept' },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'CFG', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'x' } } },
      ],
      envFrom: [{ secretRef: { name: 'api-keys' } }, { configMapRef: { name: 'cfg' } }],
      securityContext: {
        allowPrivilegeEscalation: false,
        runAsUser: 0,
        capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] },
        seccompProfile: { type: 'Unconfined' },
        windowsOptions: { hostProcess: false },
      },
    },
  ],
  ephemeralContainers: [{ name: 'debugger', image: 'busybox' }],
};

describe('Function: podSecurityOf', () => {
  it('keeps the fields Pod Security Standards judge, init and ephemeral containers too, and nothing else', () => {
    expect(podSecurityOf(RISKY_SPEC)).toEqual({
      os: 'linux',
      hostPID: true,
      hostIPC: false,
      runAsNonRoot: true,
      runAsUser: 1000,
      seccompProfile: 'RuntimeDefault',
      hostPathVolumes: [{ name: 'docker', path: '/var/run/docker.sock' }],
      containers: [
        { name: 'setup', type: 'init', privileged: true },
        {
          name: 'app',
          allowPrivilegeEscalation: false,
          runAsUser: 0,
          seccompProfile: 'Unconfined',
          hostProcess: false,
          capabilitiesAdd: ['NET_ADMIN'],
          capabilitiesDrop: ['ALL'],
          hostPorts: [8080],
          secretEnv: [{ secret: 'db', variable: 'DB_PASSWORD', key: 'password' }, { secret: 'api-keys' }],
        },
        { name: 'debugger', type: 'ephemeral' },
      ],
    });
  });

  it('never keeps an environment value, an image or a command', () => {
    const text = JSON.stringify(podSecurityOf(RISKY_SPEC));
    for (const leak of ['not-a-secret-but-never-kept', 'registry.example', '--token=abc', 'busybox', 'cfg']) {
      expect([leak, text.includes(leak)]).toEqual([leak, false]);
    }
  });

  it('reduces a spec that sets nothing to its containers names, and ignores malformed fields', () => {
    expect(
      podSecurityOf({
        containers: [{ name: 'a' }, 'junk', { securityContext: { privileged: 'yes', capabilities: { add: 'ALL' } } }],
        volumes: 'junk',
        securityContext: { runAsUser: '0' },
      }),
    ).toEqual({ containers: [{ name: 'a' }, { name: '' }] });
  });
});

describe('Class: KubeFactBuilder (the pod spec of each workload)', () => {
  const workloads = (source: 'live' | 'manifests', objects: unknown[]): KWorkload[] => {
    const b = new KubeFactBuilder({ source });
    for (const o of objects) b.add(o);
    const f = b.finish()['k8s.workloads'];
    if (!f?.ok) throw new Error('workloads not collected');
    return f.value;
  };

  it('reads a controller template, a CronJob job template and a bare Pod', () => {
    const list = workloads('manifests', [
      {
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { template: { spec: { hostIPC: true, containers: [{ name: 'web' }] } } },
      },
      {
        kind: 'CronJob',
        metadata: { name: 'nightly', namespace: 'shop' },
        spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'job' }] } } } } },
      },
      { kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' }, spec: { containers: [{ name: 'sh' }] } },
    ]);
    expect(list.map((w) => [w.kind, w.pod])).toEqual([
      ['CronJob', { containers: [{ name: 'job' }] }],
      ['Deployment', { hostIPC: true, containers: [{ name: 'web' }] }],
      ['Pod', { containers: [{ name: 'sh' }] }],
    ]);
  });

  it('leaves the pod spec out of a controller without a template: nothing was seen to judge', () => {
    const [w] = workloads('manifests', [{ kind: 'Deployment', metadata: { name: 'x', namespace: 'a' }, spec: {} }]);
    expect(w.pod).toBeUndefined();
  });

  it('takes the first running pod of an owner never listed as the pod spec of that owner', () => {
    const pod = (name: string, privileged: boolean) => ({
      kind: 'Pod',
      metadata: { name, namespace: 'shop', ownerReferences: [{ kind: 'Rollout', name: 'checkout', controller: true }] },
      spec: { containers: [{ name: 'c', securityContext: { privileged } }] },
      status: { phase: 'Running' },
    });
    const [w] = workloads('live', [pod('a', true), pod('b', false)]);
    expect(w.pod).toEqual({ containers: [{ name: 'c', privileged: true }] });
  });

  it('keeps hostNetwork of an owner never listed from its first pod, as it does for a listed controller', () => {
    const pod = {
      kind: 'Pod',
      metadata: {
        name: 'a',
        namespace: 'mon',
        ownerReferences: [{ kind: 'Agent', name: 'exporter', controller: true }],
      },
      spec: { hostNetwork: true, containers: [{ name: 'c' }] },
      status: { phase: 'Running' },
    };
    const [w] = workloads('live', [pod]);
    expect([w.kind, w.hostNetwork]).toEqual(['Agent', true]);
  });
});

describe('Class: KubeFactBuilder (namespaces known only from their objects)', () => {
  it('marks a namespace no Namespace object declared as inferred: its labels were not seen', () => {
    const b = new KubeFactBuilder({ source: 'manifests' });
    b.add({ kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'web' } } });
    b.add({ kind: 'Deployment', metadata: { name: 'x', namespace: 'shop' }, spec: {} });
    b.add({ kind: 'Deployment', metadata: { name: 'y', namespace: 'repo-only' }, spec: {} });
    const f = b.finish()['k8s.namespaces'];
    expect(f).toEqual({
      ok: true,
      value: [
        { name: 'repo-only', labels: {}, inferred: true },
        { name: 'shop', labels: { team: 'web' } },
      ],
    });
  });
});
