/**
 * Cases for every flag control: the values each one passes and fails (defaults when a flag is absent included), the
 * values the component refuses at start (`unknown`, never pass), and the same `unknown` for all of them on a managed
 * control plane or when the component is not seen.
 */
import type { ComponentInstance, ControlPlaneComponent, KControlPlane } from '../../../src/core/facts/k8s';
import type { FactSet, Status } from '../../../src/core/model';
import { type CheckCase, type CheckCases, defineCases } from '../../../test/support/cases';
import { cpFacts, EKS, INVISIBLE } from '../authn/fixtures';
import { FLAG_CONTROLS, type FlagControl } from './flag-controls';
import { controlplaneChecks } from './index';

type Flags = Record<string, string>;
/** One instance's flags, and what the control must say about them: the status, and the message after `<where>: `. */
type Row = [name: string, flags: Flags, status: Status, seen: string];

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
    [
      'passes when AlwaysAdmit is in neither list (off by default)',
      {},
      'pass',
      'the AlwaysAdmit admission plugin is disabled (off by default, in neither --enable-admission-plugins nor --disable-admission-plugins)',
    ],
    [
      'fails when --enable-admission-plugins names AlwaysAdmit',
      { 'enable-admission-plugins': 'NodeRestriction,AlwaysAdmit' },
      'fail',
      'the AlwaysAdmit admission plugin is enabled (in --enable-admission-plugins)',
    ],
    [
      'passes when AlwaysAdmit is disabled explicitly',
      { 'disable-admission-plugins': 'AlwaysAdmit' },
      'pass',
      'the AlwaysAdmit admission plugin is disabled (in --disable-admission-plugins)',
    ],
    [
      'is unknown when AlwaysAdmit is in both lists (the API server refuses to start)',
      { 'enable-admission-plugins': 'AlwaysAdmit', 'disable-admission-plugins': 'AlwaysAdmit' },
      'unknown',
      'AlwaysAdmit is in both --enable-admission-plugins and --disable-admission-plugins, which the API server refuses at start',
    ],
    [
      'fails when the deprecated --admission-control names AlwaysAdmit',
      { 'admission-control': 'NamespaceLifecycle,AlwaysAdmit' },
      'fail',
      'the AlwaysAdmit admission plugin is enabled (in --admission-control, which replaces the defaults)',
    ],
    [
      'passes when only a plugin whose name contains AlwaysAdmit as a prefix is enabled',
      { 'enable-admission-plugins': 'AlwaysAdmitX' },
      'pass',
      'the AlwaysAdmit admission plugin is disabled (off by default, in neither --enable-admission-plugins nor --disable-admission-plugins)',
    ],
    [
      'is unknown when --enable-admission-plugins has a space after a comma (no plugin has that name: the API server refuses to start)',
      { 'enable-admission-plugins': 'NodeRestriction, AlwaysAdmit' },
      'unknown',
      '--enable-admission-plugins lists " AlwaysAdmit", a name no admission plugin has, which the API server refuses at start',
    ],
  ],
  'apiserver-service-account-plugin': [
    [
      'passes when ServiceAccount is in neither list (on by default)',
      {},
      'pass',
      'the ServiceAccount admission plugin is enabled (on by default, in neither --enable-admission-plugins nor --disable-admission-plugins)',
    ],
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
      'the ServiceAccount admission plugin is disabled (not in --admission-control, which replaces the defaults)',
    ],
    [
      'fails an empty --admission-control, which runs no plugin at all (an empty list, not the defaults)',
      { 'admission-control': '' },
      'fail',
      'the ServiceAccount admission plugin is disabled (not in --admission-control, which replaces the defaults)',
    ],
    [
      'is unknown when an empty --enable-admission-plugins is given beside --admission-control (still refused)',
      { 'admission-control': 'ServiceAccount', 'enable-admission-plugins': '' },
      'unknown',
      '--admission-control is given beside --enable-admission-plugins or --disable-admission-plugins, which the API server refuses at start',
    ],
    [
      'passes when the deprecated --admission-control names ServiceAccount',
      { 'admission-control': 'ServiceAccount' },
      'pass',
      'the ServiceAccount admission plugin is enabled (in --admission-control, which replaces the defaults)',
    ],
    [
      'is unknown when --admission-control is given beside --enable-admission-plugins',
      { 'admission-control': 'ServiceAccount', 'enable-admission-plugins': 'NodeRestriction' },
      'unknown',
      '--admission-control is given beside --enable-admission-plugins or --disable-admission-plugins, which the API server refuses at start',
    ],
    [
      'is unknown when --admission-control is given beside --disable-admission-plugins',
      { 'admission-control': 'ServiceAccount', 'disable-admission-plugins': 'AlwaysAdmit' },
      'unknown',
      '--admission-control is given beside --enable-admission-plugins or --disable-admission-plugins, which the API server refuses at start',
    ],
    [
      'passes when --enable-admission-plugins names ServiceAccount',
      { 'enable-admission-plugins': 'ServiceAccount' },
      'pass',
      'the ServiceAccount admission plugin is enabled (in --enable-admission-plugins)',
    ],
    [
      'is unknown, not passed, when --enable-admission-plugins ends with a comma (an empty plugin name: the API server refuses to start)',
      { 'enable-admission-plugins': 'NodeRestriction,' },
      'unknown',
      '--enable-admission-plugins lists "", a name no admission plugin has, which the API server refuses at start',
    ],
  ],
  'apiserver-namespace-lifecycle-plugin': [
    [
      'passes when NamespaceLifecycle is on by default',
      { 'enable-admission-plugins': 'NodeRestriction' },
      'pass',
      'the NamespaceLifecycle admission plugin is enabled (on by default, in neither --enable-admission-plugins nor --disable-admission-plugins)',
    ],
    [
      'fails when --disable-admission-plugins names NamespaceLifecycle',
      { 'disable-admission-plugins': 'NamespaceLifecycle' },
      'fail',
      'the NamespaceLifecycle admission plugin is disabled (in --disable-admission-plugins)',
    ],
    [
      'is unknown, not passed, when --disable-admission-plugins has a space before a name',
      { 'disable-admission-plugins': 'AlwaysPullImages, NamespaceLifecycle' },
      'unknown',
      '--disable-admission-plugins lists " NamespaceLifecycle", a name no admission plugin has, which the API server refuses at start',
    ],
  ],
  'apiserver-profiling-disabled': [
    ['fails when --profiling is absent (defaults to true)', {}, 'fail', '--profiling is not set (defaults to true)'],
    ['passes with --profiling=false', { profiling: 'false' }, 'pass', '--profiling is false'],
    ['passes with --profiling=0 (Go boolean spelling)', { profiling: '0' }, 'pass', '--profiling is 0'],
    ['passes with --profiling=F (Go boolean spelling)', { profiling: 'F' }, 'pass', '--profiling is F'],
    ['fails with --profiling=True', { profiling: 'True' }, 'fail', '--profiling is True'],
    ['fails with --profiling=t (Go boolean spelling)', { profiling: 't' }, 'fail', '--profiling is t'],
    [
      'is unknown with a value that is not a boolean',
      { profiling: 'no' },
      'unknown',
      '--profiling is "no", which is not a boolean the component accepts',
    ],
    [
      'is unknown, not passed, with a space before false (ParseBool refuses it: the component does not start)',
      { profiling: ' false' },
      'unknown',
      '--profiling is " false", which is not a boolean the component accepts',
    ],
    [
      'is unknown with an empty --profiling= (ParseBool refuses it)',
      { profiling: '' },
      'unknown',
      '--profiling is "", which is not a boolean the component accepts',
    ],
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
    [
      'passes with --audit-log-maxage=+30 (an explicit sign)',
      { 'audit-log-maxage': '+30' },
      'pass',
      '--audit-log-maxage is 30 (at least 30)',
    ],
    [
      'is unknown with --audit-log-maxage=30d',
      { 'audit-log-maxage': '30d' },
      'unknown',
      '--audit-log-maxage is "30d", which is not a plain decimal whole number (the component refuses it or reads it in another base)',
    ],
    [
      'is unknown, not passed, with a space before the number (the component refuses it)',
      { 'audit-log-maxage': ' 30' },
      'unknown',
      '--audit-log-maxage is " 30", which is not a plain decimal whole number (the component refuses it or reads it in another base)',
    ],
    [
      'is unknown, not passed, with --audit-log-maxage=030 (the component reads a leading 0 as octal: 24)',
      { 'audit-log-maxage': '030' },
      'unknown',
      '--audit-log-maxage is "030", which is not a plain decimal whole number (the component refuses it or reads it in another base)',
    ],
    [
      'is unknown, not passed, with a number beyond 64 bits (the component refuses it)',
      { 'audit-log-maxage': '9223372036854775808' },
      'unknown',
      '--audit-log-maxage is 9223372036854775808, which is out of the 64-bit range the component accepts',
    ],
  ],
  'apiserver-audit-log-maxbackup': [
    [
      'fails with --audit-log-maxbackup=9',
      { 'audit-log-maxbackup': '9' },
      'fail',
      '--audit-log-maxbackup is 9, below 10',
    ],
    [
      'passes with --audit-log-maxbackup=10',
      { 'audit-log-maxbackup': '10' },
      'pass',
      '--audit-log-maxbackup is 10 (at least 10)',
    ],
  ],
  'apiserver-audit-log-maxsize': [
    [
      'fails with --audit-log-maxsize=99',
      { 'audit-log-maxsize': '99' },
      'fail',
      '--audit-log-maxsize is 99, below 100',
    ],
    [
      'passes with --audit-log-maxsize=200',
      { 'audit-log-maxsize': '200' },
      'pass',
      '--audit-log-maxsize is 200 (at least 100)',
    ],
    ['fails without --audit-log-maxsize', {}, 'fail', '--audit-log-maxsize is not set (at least 100 expected)'],
  ],
  'apiserver-audit-policy-file': [
    ['fails without --audit-policy-file (no audit event is recorded)', {}, 'fail', '--audit-policy-file is not set'],
    [
      'passes with --audit-policy-file set',
      { 'audit-policy-file': '/etc/kubernetes/audit-policy.yaml' },
      'pass',
      '--audit-policy-file is /etc/kubernetes/audit-policy.yaml',
    ],
  ],
  'apiserver-service-account-lookup': [
    [
      'passes without --service-account-lookup (defaults to true)',
      {},
      'pass',
      '--service-account-lookup is not set (defaults to true)',
    ],
    [
      'fails with --service-account-lookup=false',
      { 'service-account-lookup': 'false' },
      'fail',
      '--service-account-lookup is false',
    ],
  ],
  'apiserver-service-account-key-file': [
    ['fails without --service-account-key-file', {}, 'fail', '--service-account-key-file is not set'],
    [
      'passes with --service-account-key-file set',
      { 'service-account-key-file': '/etc/kubernetes/pki/sa.pub' },
      'pass',
      '--service-account-key-file is /etc/kubernetes/pki/sa.pub',
    ],
  ],
  'apiserver-no-extended-token-expiration': [
    [
      'fails when the flag is absent (defaults to true)',
      {},
      'fail',
      '--service-account-extend-token-expiration is not set (defaults to true)',
    ],
    [
      'passes with --service-account-extend-token-expiration=false',
      { 'service-account-extend-token-expiration': 'false' },
      'pass',
      '--service-account-extend-token-expiration is false',
    ],
  ],
  'controller-manager-profiling-disabled': [
    ['fails when --profiling is absent (defaults to true)', {}, 'fail', '--profiling is not set (defaults to true)'],
    ['passes with --profiling=false', { profiling: 'false' }, 'pass', '--profiling is false'],
  ],
  'controller-manager-kubelet-server-cert-rotation': [
    [
      'passes without --feature-gates (the gate defaults to true)',
      {},
      'pass',
      'the RotateKubeletServerCertificate feature gate is not set in --feature-gates (defaults to true)',
    ],
    [
      'fails when --feature-gates turns RotateKubeletServerCertificate off',
      { 'feature-gates': 'SomeGate=true,RotateKubeletServerCertificate=false' },
      'fail',
      '--feature-gates sets RotateKubeletServerCertificate=false',
    ],
    [
      'passes when --feature-gates turns it on',
      { 'feature-gates': 'RotateKubeletServerCertificate=true' },
      'pass',
      '--feature-gates sets RotateKubeletServerCertificate=true',
    ],
    [
      'fails when the gate is turned off with spaces around its name and value (the component trims them)',
      { 'feature-gates': 'RotateKubeletServerCertificate = false' },
      'fail',
      '--feature-gates sets RotateKubeletServerCertificate=false',
    ],
    [
      'passes when the gate is turned on with a space before the value, after an empty item (both allowed)',
      { 'feature-gates': 'SomeGate=true,,RotateKubeletServerCertificate= true' },
      'pass',
      '--feature-gates sets RotateKubeletServerCertificate=true',
    ],
    [
      'is unknown when the gate has a value that is not a boolean',
      { 'feature-gates': 'RotateKubeletServerCertificate=yes' },
      'unknown',
      '--feature-gates has "RotateKubeletServerCertificate=yes", not a gate=boolean pair, which the component refuses at start',
    ],
    [
      'is unknown, not passed, when the gate is named without a value (the component refuses to start)',
      { 'feature-gates': 'RotateKubeletServerCertificate' },
      'unknown',
      '--feature-gates has "RotateKubeletServerCertificate", not a gate=boolean pair, which the component refuses at start',
    ],
    [
      'is unknown, not passed, when the gate is turned off with a component prefix (kube:, read only by recent releases)',
      { 'feature-gates': 'kube:RotateKubeletServerCertificate=false' },
      'unknown',
      '--feature-gates has "kube:RotateKubeletServerCertificate=false", a gate named with a component prefix, which only recent releases accept',
    ],
    [
      'is unknown, not passed, when another gate has a value that is not a boolean (the component refuses to start)',
      { 'feature-gates': 'SomeGate=on,RotateKubeletServerCertificate=true' },
      'unknown',
      '--feature-gates has "SomeGate=on", not a gate=boolean pair, which the component refuses at start',
    ],
  ],
  'controller-manager-bind-address': [
    [
      'fails when --bind-address is absent (defaults to 0.0.0.0)',
      {},
      'fail',
      '--bind-address is not set (defaults to 0.0.0.0)',
    ],
    ['passes with --bind-address=127.0.0.1', { 'bind-address': '127.0.0.1' }, 'pass', '--bind-address is 127.0.0.1'],
    ['passes with --bind-address=::1', { 'bind-address': '::1' }, 'pass', '--bind-address is ::1'],
    ['fails with a node address', { 'bind-address': '10.0.0.5' }, 'fail', '--bind-address is 10.0.0.5'],
    [
      'fails with an address that only looks like loopback',
      { 'bind-address': '127.0.0.300' },
      'fail',
      '--bind-address is 127.0.0.300',
    ],
    [
      'fails with an empty --bind-address (the component keeps its default, 0.0.0.0)',
      { 'bind-address': '' },
      'fail',
      '--bind-address is empty',
    ],
    [
      'passes with spaces around a loopback address (the component trims them)',
      { 'bind-address': ' 127.0.0.1 ' },
      'pass',
      '--bind-address is  127.0.0.1 ',
    ],
    [
      'is unknown, not passed, with --bind-address=[::1] (the component refuses brackets)',
      { 'bind-address': '[::1]' },
      'unknown',
      '--bind-address is "[::1]", which is not an IP address the component accepts',
    ],
    [
      'is unknown, not passed, with an octet written with a leading 0 (the component refuses it)',
      { 'bind-address': '127.0.0.01' },
      'unknown',
      '--bind-address is "127.0.0.01", which is not an IP address the component accepts',
    ],
  ],
  'scheduler-profiling-disabled': [
    ['fails when --profiling is absent (defaults to true)', {}, 'fail', '--profiling is not set (defaults to true)'],
    ['passes with --profiling=false', { profiling: 'false' }, 'pass', '--profiling is false'],
  ],
  'scheduler-bind-address': [
    ['fails with --bind-address=0.0.0.0', { 'bind-address': '0.0.0.0' }, 'fail', '--bind-address is 0.0.0.0'],
    ['passes with --bind-address=127.0.0.1', { 'bind-address': '127.0.0.1' }, 'pass', '--bind-address is 127.0.0.1'],
  ],
};

/** The evidence of the flags a control reads: each one's value, or null when it is not given. */
function flagEvidence(c: FlagControl, flags: Flags): Record<string, string | null> {
  return Object.fromEntries(c.rule.flags.map((f) => [`--${f}`, flags[f] ?? null]));
}

function casesFor(c: FlagControl, rows: Row[]): CheckCase[] {
  const { component } = c;
  const kind = KIND[component];
  const cases: CheckCase[] = rows.map(([name, flags, status, seen]) => ({
    name,
    facts: cpFacts(plane(component, { source: 'mirror-pod', node: 'cp-1', flags })),
    expect: [{ status, kind, resource: `${component}/cp-1`, message: `${component} on cp-1: ${seen}.` }],
  }));
  const pass = rows.find((r) => r[2] === 'pass');
  const fail = rows.find((r) => r[2] === 'fail');
  if (!pass || !fail) throw new Error(`${c.id}: its cases need a passing and a failing row`);
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
        {
          status: 'pass',
          resource: `${component}/cp-1`,
          evidence: { source: 'mirror-pod', node: 'cp-1', ...flagEvidence(c, pass[1]) },
        },
        {
          status: 'fail',
          resource: `${component}/cp-2`,
          evidence: { source: 'manifest-file', node: 'cp-2', ...flagEvidence(c, fail[1]) },
        },
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

function hostCasesFor(c: FlagControl, rows: Row[]): CheckCase[] {
  const { component } = c;
  const kind = KIND[component];
  const path = `/etc/kubernetes/manifests/${component}.yaml`;
  const message = (seen: string) => `${component} on cp-1 (${path}): ${seen}.`;
  const other = {
    path: '/etc/kubernetes/manifests/other.yaml',
    containers: [{ name: 'x', command: ['other'], flags: {} }],
  };
  const pass = rows.find((r) => r[2] === 'pass');
  const fail = rows.find((r) => r[2] === 'fail');
  if (!pass || !fail) throw new Error(`${c.id}: its cases need a passing and a failing row`);
  return [
    ...rows.map(
      ([name, flags, status, seen]): CheckCase => ({
        name: `${name}, from the static Pod manifest on the host`,
        target: { name: 'cp-1', kind: 'host' },
        facts: staticPods(component, flags),
        expect: [
          {
            status,
            kind,
            resource: `${component}/cp-1`,
            message: message(seen),
            evidence: { source: 'host-manifest', path, ...flagEvidence(c, flags) },
          },
        ],
      }),
    ),
    {
      name: 'is not applicable on a host without the static Pod (a worker)',
      target: { name: 'node-1', kind: 'host' },
      facts: { 'host.staticPods': { ok: true, value: [] } },
      expect: [
        {
          status: 'not-applicable',
          kind: 'Host',
          resource: 'node-1',
          message: `node-1 has no ${component} static Pod under /etc/kubernetes/manifests.`,
          evidence: { manifests: [] },
        },
      ],
    },
    {
      name: 'is not applicable when every manifest was read and none runs the component, listing them',
      target: { name: 'node-1', kind: 'host' },
      facts: { 'host.staticPods': { ok: true, value: [other] } },
      expect: [
        {
          status: 'not-applicable',
          kind: 'Host',
          resource: 'node-1',
          message: `node-1 has no ${component} static Pod under /etc/kubernetes/manifests.`,
          evidence: { manifests: [other.path] },
        },
      ],
    },
    {
      name: 'is unknown, not applicable, when a manifest could not be read and none runs the component',
      target: { name: 'cp-1', kind: 'host' },
      facts: {
        'host.staticPods': {
          ok: true,
          value: [other, { path, containers: [], error: 'not valid YAML at line 3, column 1' }],
        },
      },
      expect: [
        {
          status: 'unknown',
          kind,
          resource: component,
          message: `Could not assess ${component} on cp-1: no readable static Pod manifest runs it, and ${path} (not valid YAML at line 3, column 1) could not be read.`,
        },
      ],
    },
    {
      name: 'is unknown naming every manifest that could not be read',
      target: { name: 'cp-1', kind: 'host' },
      facts: {
        'host.staticPods': {
          ok: true,
          value: [
            { path, containers: [], error: 'not valid YAML at line 3, column 1' },
            { path: '/etc/kubernetes/manifests/extra.yaml', containers: [], error: 'permission denied' },
          ],
        },
      },
      expect: [
        {
          status: 'unknown',
          kind,
          resource: component,
          message: `and ${path} (not valid YAML at line 3, column 1), /etc/kubernetes/manifests/extra.yaml (permission denied) could not be read.`,
        },
      ],
    },
    {
      name: 'finds the component by its command when its container has another name',
      target: { name: 'cp-1', kind: 'host' },
      facts: {
        'host.staticPods': {
          ok: true,
          value: [
            { path, containers: [{ name: 'main', command: [`/usr/local/bin/${component}`], flags: rows[0][1] }] },
          ],
        },
      },
      expect: [{ status: rows[0][2], resource: `${component}/cp-1`, message: message(rows[0][3]) }],
    },
    {
      name: 'judges the container that runs the component before one that only has its name',
      target: { name: 'cp-1', kind: 'host' },
      facts: {
        'host.staticPods': {
          ok: true,
          value: [
            {
              path,
              containers: [
                { name: component, command: ['/bin/sh'], flags: fail[1] },
                { name: 'main', command: [component], flags: pass[1] },
              ],
            },
          ],
        },
      },
      expect: [{ status: 'pass', resource: `${component}/cp-1`, message: message(pass[3]) }],
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
      expect: [{ status: rows[0][2], resource: `${component}/cp-1`, message: message(rows[0][3]) }],
    },
  ];
}

const n = FLAG_CONTROLS.length;
export default FLAG_CONTROLS.flatMap((c, i): CheckCases[] => {
  const rows = ROWS[c.id];
  if (!rows) throw new Error(`k8s.controlplane.${c.id} has no cases`);
  return [
    defineCases(controlplaneChecks[i], casesFor(c, rows)),
    defineCases(controlplaneChecks[n + i], hostCasesFor(c, rows)),
  ];
});
