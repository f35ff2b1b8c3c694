/**
 * Cases for every flag control: the values each one passes and fails (defaults when a flag is absent included), and
 * the same `unknown` for all of them on a managed control plane or when the component is not seen.
 */
import type { ComponentInstance, ControlPlaneComponent, KControlPlane } from '../../../src/core/facts/k8s';
import type { FactSet, Status } from '../../../src/core/model';
import { type CheckCase, type CheckCases, defineCases } from '../../../test/support/cases';
import { cpFacts, EKS, INVISIBLE } from '../authn/fixtures';
import { FLAG_CONTROLS } from './flag-controls';
import { controlplaneChecks } from './index';

type Flags = Record<string, string>;
/** One instance's flags and what the control must say about them. */
type Row = [name: string, flags: Flags, status: Status, message: string];

const KIND: Record<ControlPlaneComponent, string> = {
  'kube-apiserver': 'KubeApiServer',
  etcd: 'Etcd',
  'kube-controller-manager': 'KubeControllerManager',
  'kube-scheduler': 'KubeScheduler',
};

function plane(component: ControlPlaneComponent, ...instances: ComponentInstance[]): KControlPlane {
  return { managed: null, components: { [component]: instances } };
}

const ROWS: Record<string, Row[]> = {
  'apiserver-no-always-admit': [
    ['passes when AlwaysAdmit is in neither list (off by default)', {}, 'pass', 'off by default'],
    [
      'fails when --enable-admission-plugins names AlwaysAdmit',
      { 'enable-admission-plugins': 'NodeRestriction, AlwaysAdmit' },
      'fail',
      'the AlwaysAdmit admission plugin is enabled (in --enable-admission-plugins)',
    ],
    [
      'passes when AlwaysAdmit is disabled explicitly',
      { 'disable-admission-plugins': 'AlwaysAdmit' },
      'pass',
      'disabled (in --disable-admission-plugins)',
    ],
    [
      'is unknown when AlwaysAdmit is in both lists (the API server refuses to start)',
      { 'enable-admission-plugins': 'AlwaysAdmit', 'disable-admission-plugins': 'AlwaysAdmit' },
      'unknown',
      'in both --enable-admission-plugins and --disable-admission-plugins',
    ],
    [
      'fails when the deprecated --admission-control names AlwaysAdmit',
      { 'admission-control': 'NamespaceLifecycle,AlwaysAdmit' },
      'fail',
      'enabled (in --admission-control',
    ],
    [
      'passes when only a plugin whose name contains AlwaysAdmit as a prefix is enabled',
      { 'enable-admission-plugins': 'AlwaysAdmitX' },
      'pass',
      'disabled',
    ],
  ],
  'apiserver-service-account-plugin': [
    ['passes when ServiceAccount is in neither list (on by default)', {}, 'pass', 'enabled (on by default'],
    [
      'fails when --disable-admission-plugins names ServiceAccount',
      { 'disable-admission-plugins': 'DefaultStorageClass,ServiceAccount' },
      'fail',
      'the ServiceAccount admission plugin is disabled (in --disable-admission-plugins)',
    ],
    [
      'fails when the deprecated --admission-control leaves ServiceAccount out (it replaces the defaults)',
      { 'admission-control': 'NamespaceLifecycle,NodeRestriction' },
      'fail',
      'disabled (not in --admission-control, which replaces the defaults)',
    ],
    [
      'passes when the deprecated --admission-control names ServiceAccount',
      { 'admission-control': 'ServiceAccount' },
      'pass',
      'enabled (in --admission-control',
    ],
    [
      'is unknown when --admission-control is given beside --enable-admission-plugins',
      { 'admission-control': 'ServiceAccount', 'enable-admission-plugins': 'NodeRestriction' },
      'unknown',
      'refuses at start',
    ],
    [
      'passes when --enable-admission-plugins names ServiceAccount',
      { 'enable-admission-plugins': 'ServiceAccount' },
      'pass',
      'enabled (in --enable-admission-plugins)',
    ],
  ],
  'apiserver-namespace-lifecycle-plugin': [
    [
      'passes when NamespaceLifecycle is on by default',
      { 'enable-admission-plugins': 'NodeRestriction' },
      'pass',
      'enabled',
    ],
    [
      'fails when --disable-admission-plugins names NamespaceLifecycle',
      { 'disable-admission-plugins': 'NamespaceLifecycle' },
      'fail',
      'NamespaceLifecycle admission plugin is disabled',
    ],
  ],
  'apiserver-profiling-disabled': [
    ['fails when --profiling is absent (defaults to true)', {}, 'fail', '--profiling is not set (defaults to true)'],
    ['passes with --profiling=false', { profiling: 'false' }, 'pass', '--profiling is false'],
    ['passes with --profiling=0 (Go boolean spelling)', { profiling: '0' }, 'pass', '--profiling is 0'],
    ['fails with --profiling=True', { profiling: 'True' }, 'fail', '--profiling is True'],
    ['is unknown with a value that is not a boolean', { profiling: 'no' }, 'unknown', 'not a boolean'],
  ],
  'apiserver-audit-log-path': [
    ['fails without --audit-log-path', {}, 'fail', '--audit-log-path is not set'],
    ['fails with an empty --audit-log-path', { 'audit-log-path': ' ' }, 'fail', '--audit-log-path is empty'],
    [
      'passes with --audit-log-path set',
      { 'audit-log-path': '/var/log/kubernetes/audit/audit.log' },
      'pass',
      '--audit-log-path is /var/log/kubernetes/audit/audit.log',
    ],
  ],
  'apiserver-audit-log-maxage': [
    ['fails without --audit-log-maxage', {}, 'fail', '--audit-log-maxage is not set (at least 30 expected)'],
    ['fails with --audit-log-maxage=29', { 'audit-log-maxage': '29' }, 'fail', '--audit-log-maxage is 29, below 30'],
    [
      'passes with --audit-log-maxage=30',
      { 'audit-log-maxage': '30' },
      'pass',
      '--audit-log-maxage is 30 (at least 30)',
    ],
    ['is unknown with --audit-log-maxage=30d', { 'audit-log-maxage': '30d' }, 'unknown', 'not a whole number'],
  ],
  'apiserver-audit-log-maxbackup': [
    ['fails with --audit-log-maxbackup=9', { 'audit-log-maxbackup': '9' }, 'fail', 'is 9, below 10'],
    ['passes with --audit-log-maxbackup=10', { 'audit-log-maxbackup': '10' }, 'pass', 'is 10 (at least 10)'],
  ],
  'apiserver-audit-log-maxsize': [
    ['fails with --audit-log-maxsize=99', { 'audit-log-maxsize': '99' }, 'fail', 'is 99, below 100'],
    ['passes with --audit-log-maxsize=200', { 'audit-log-maxsize': '200' }, 'pass', 'is 200 (at least 100)'],
    ['fails without --audit-log-maxsize', {}, 'fail', 'not set'],
  ],
  'apiserver-audit-policy-file': [
    ['fails without --audit-policy-file (no audit event is recorded)', {}, 'fail', '--audit-policy-file is not set'],
    [
      'passes with --audit-policy-file set',
      { 'audit-policy-file': '/etc/kubernetes/audit-policy.yaml' },
      'pass',
      'is /etc/kubernetes/audit-policy.yaml',
    ],
  ],
  'apiserver-service-account-lookup': [
    ['passes without --service-account-lookup (defaults to true)', {}, 'pass', 'not set (defaults to true)'],
    ['fails with --service-account-lookup=false', { 'service-account-lookup': 'false' }, 'fail', 'is false'],
  ],
  'apiserver-service-account-key-file': [
    ['fails without --service-account-key-file', {}, 'fail', '--service-account-key-file is not set'],
    [
      'passes with --service-account-key-file set',
      { 'service-account-key-file': '/etc/kubernetes/pki/sa.pub' },
      'pass',
      'is /etc/kubernetes/pki/sa.pub',
    ],
  ],
  'apiserver-no-extended-token-expiration': [
    ['fails when the flag is absent (defaults to true)', {}, 'fail', 'not set (defaults to true)'],
    [
      'passes with --service-account-extend-token-expiration=false',
      { 'service-account-extend-token-expiration': 'false' },
      'pass',
      'is false',
    ],
  ],
  'controller-manager-profiling-disabled': [
    ['fails when --profiling is absent (defaults to true)', {}, 'fail', 'defaults to true'],
    ['passes with --profiling=false', { profiling: 'false' }, 'pass', '--profiling is false'],
  ],
  'controller-manager-kubelet-server-cert-rotation': [
    ['passes without --feature-gates (the gate defaults to true)', {}, 'pass', 'not set in --feature-gates'],
    [
      'fails when --feature-gates turns RotateKubeletServerCertificate off',
      { 'feature-gates': 'SomeGate=true,RotateKubeletServerCertificate=false' },
      'fail',
      'sets RotateKubeletServerCertificate=false',
    ],
    [
      'passes when --feature-gates turns it on',
      { 'feature-gates': 'RotateKubeletServerCertificate=true' },
      'pass',
      'sets RotateKubeletServerCertificate=true',
    ],
    [
      'is unknown when the gate has a value that is not a boolean',
      { 'feature-gates': 'RotateKubeletServerCertificate=yes' },
      'unknown',
      'not a boolean',
    ],
  ],
  'controller-manager-bind-address': [
    ['fails when --bind-address is absent (defaults to 0.0.0.0)', {}, 'fail', 'not set (defaults to 0.0.0.0)'],
    ['passes with --bind-address=127.0.0.1', { 'bind-address': '127.0.0.1' }, 'pass', 'is 127.0.0.1'],
    ['passes with --bind-address=::1', { 'bind-address': '::1' }, 'pass', 'is ::1'],
    ['fails with a node address', { 'bind-address': '10.0.0.5' }, 'fail', 'is 10.0.0.5'],
    ['fails with an address that only looks like loopback', { 'bind-address': '127.0.0.300' }, 'fail', '127.0.0.300'],
  ],
  'scheduler-profiling-disabled': [
    ['fails when --profiling is absent (defaults to true)', {}, 'fail', 'defaults to true'],
    ['passes with --profiling=false', { profiling: 'false' }, 'pass', 'is false'],
  ],
  'scheduler-bind-address': [
    ['fails with --bind-address=0.0.0.0', { 'bind-address': '0.0.0.0' }, 'fail', 'is 0.0.0.0'],
    ['passes with --bind-address=127.0.0.1', { 'bind-address': '127.0.0.1' }, 'pass', 'is 127.0.0.1'],
  ],
};

function casesFor(id: string, component: ControlPlaneComponent, rows: Row[]): CheckCase[] {
  const kind = KIND[component];
  const cases: CheckCase[] = rows.map(([name, flags, status, message]) => ({
    name,
    facts: cpFacts(plane(component, { source: 'mirror-pod', node: 'cp-1', flags })),
    expect: [{ status, kind, resource: `${component}/cp-1`, message }],
  }));
  const pass = rows.find((r) => r[2] === 'pass');
  const fail = rows.find((r) => r[2] === 'fail');
  if (!pass || !fail) throw new Error(`${id}: its cases need a passing and a failing row`);
  cases.push(
    {
      name: 'judges each control-plane node on its own, keeping the flags as evidence',
      facts: cpFacts(
        plane(
          component,
          { source: 'mirror-pod', node: 'cp-1', flags: pass[1] },
          { source: 'manifest-file', node: 'cp-2', flags: fail[1] },
        ),
      ),
      expect: [
        { status: 'pass', resource: `${component}/cp-1`, evidence: { source: 'mirror-pod', node: 'cp-1' } },
        { status: 'fail', resource: `${component}/cp-2`, evidence: { source: 'manifest-file', node: 'cp-2' } },
      ],
    },
    {
      name: 'is unknown on a managed control plane, naming it',
      facts: cpFacts(EKS),
      expect: [{ status: 'unknown', kind, resource: component, message: 'managed control plane' }],
    },
    {
      name: 'is unknown, never pass, when no instance of the component is seen',
      facts: cpFacts(INVISIBLE),
      expect: [{ status: 'unknown', kind, resource: component, message: `no ${component} Pod seen` }],
    },
  );
  return cases;
}

/** The host probe's static Pods: the component's manifest with these flags, beside another component's. */
function staticPods(component: ControlPlaneComponent, flags: Flags): FactSet {
  const command = [`/usr/local/bin/${component}`, ...Object.entries(flags).map(([k, v]) => `--${k}=${v}`)];
  return {
    'host.staticPods': {
      ok: true,
      value: [
        { path: '/etc/kubernetes/manifests/other.yaml', containers: [{ name: 'x', command: ['other'], flags: {} }] },
        { path: `/etc/kubernetes/manifests/${component}.yaml`, containers: [{ name: component, command, flags }] },
      ],
    },
  };
}

function hostCasesFor(component: ControlPlaneComponent, rows: Row[]): CheckCase[] {
  const kind = KIND[component];
  const path = `/etc/kubernetes/manifests/${component}.yaml`;
  return [
    ...rows.map(
      ([name, flags, status, message]): CheckCase => ({
        name: `${name}, from the static Pod manifest on the host`,
        target: { name: 'cp-1', kind: 'host' },
        facts: staticPods(component, flags),
        expect: [{ status, kind, resource: `${component}/cp-1`, message, evidence: { source: 'host-manifest', path } }],
      }),
    ),
    {
      name: 'is not applicable on a host without the static Pod (a worker)',
      target: { name: 'node-1', kind: 'host' },
      facts: { 'host.staticPods': { ok: true, value: [] } },
      expect: [{ status: 'not-applicable', kind: 'Host', resource: 'node-1', message: `no ${component} static Pod` }],
    },
    {
      name: 'is unknown, not applicable, when a manifest could not be read and none runs the component',
      target: { name: 'cp-1', kind: 'host' },
      facts: {
        'host.staticPods': { ok: true, value: [{ path, containers: [], error: 'not valid YAML at line 3, column 1' }] },
      },
      expect: [{ status: 'unknown', kind, resource: component, message: 'not valid YAML' }],
    },
    {
      name: 'finds the component by its container name when the command is a wrapper',
      target: { name: 'cp-1', kind: 'host' },
      facts: {
        'host.staticPods': {
          ok: true,
          value: [{ path, containers: [{ name: component, command: ['/bin/sh'], flags: rows[0][1] }] }],
        },
      },
      expect: [{ status: rows[0][2], resource: `${component}/cp-1` }],
    },
  ];
}

const n = FLAG_CONTROLS.length;
export default FLAG_CONTROLS.flatMap((c, i): CheckCases[] => {
  const rows = ROWS[c.id];
  if (!rows) throw new Error(`k8s.controlplane.${c.id} has no cases`);
  return [
    defineCases(controlplaneChecks[i], casesFor(c.id, c.component, rows)),
    defineCases(controlplaneChecks[n + i], hostCasesFor(c.component, rows)),
  ];
});
