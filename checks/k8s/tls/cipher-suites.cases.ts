import { defineCases } from '../../../test/support/cases';
import check from './cipher-suites';
import {
  controlPlane,
  instance,
  KUBEADM_APISERVER,
  KUBEADM_ETCD,
  kubeadm,
  PROBED_SUITES,
  probe,
  tlsFacts,
} from './fixtures';

const STRONG =
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,TLS_AES_128_GCM_SHA256';
const strong = kubeadm({ apiserver: { 'tls-cipher-suites': STRONG }, etcd: { 'cipher-suites': STRONG } });
const ALL = PROBED_SUITES.map((s) => s.name);
const EKS = 'managed control plane: not visible to the scanner (eks, server version v1.31.2-eks-7f9249a)';
/** A probe whose failed handshakes carry no detail at all. */
const withoutDetail = (p: ReturnType<typeof probe>) => ({
  ...p,
  ciphers: p.ciphers.map(({ detail: _detail, ...c }) => c),
});

export default defineCases(check, [
  {
    name: 'passes strong lists on the API server and etcd, and no weak suite accepted by the live probe',
    facts: tlsFacts({ cp: strong, probe: probe({ untested: ['TLS_RSA_WITH_RC4_128_SHA'] }) }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver',
        kind: 'KubeApiServer',
        message: 'no weak suite accepted (live probe)',
      },
      { status: 'pass', resource: 'etcd/cp-1' },
    ],
  },
  {
    name: 'fails medium when the live probe sees a CBC suite accepted',
    facts: tlsFacts({ cp: strong, probe: probe({ accepted: ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'] }) }),
    expect: [
      {
        status: 'fail',
        resource: 'kube-apiserver',
        kind: 'KubeApiServer',
        severity: 'medium',
        message: 'accepts TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (live probe)',
      },
      { status: 'pass', resource: 'etcd/cp-1' },
    ],
  },
  {
    name: 'fails high when --tls-cipher-suites lists 3DES',
    facts: tlsFacts({
      cp: kubeadm({
        apiserver: { 'tls-cipher-suites': `${STRONG},TLS_RSA_WITH_3DES_EDE_CBC_SHA` },
        etcd: { 'cipher-suites': STRONG },
      }),
    }),
    expect: [
      {
        status: 'fail',
        resource: 'kube-apiserver',
        kind: 'KubeApiServer',
        severity: 'high',
        message: '--tls-cipher-suites allows TLS_RSA_WITH_3DES_EDE_CBC_SHA',
      },
      { status: 'pass', resource: 'etcd/cp-1' },
    ],
  },
  {
    name: 'fails when no list is set and there is no probe (Go defaults include CBC suites)',
    facts: tlsFacts({ cp: kubeadm(), probe: 'not available from manifests' }),
    expect: [
      { status: 'fail', resource: 'kube-apiserver', kind: 'KubeApiServer', message: '--tls-cipher-suites is not set' },
      { status: 'fail', resource: 'etcd/cp-1', message: '--cipher-suites is not set' },
    ],
  },
  {
    name: 'passes the API server with no list when the live probe shows no weak suite accepted',
    facts: tlsFacts({ cp: kubeadm({ etcd: { 'cipher-suites': STRONG } }), probe: probe() }),
    expect: [
      { status: 'pass', resource: 'kube-apiserver', kind: 'KubeApiServer' },
      { status: 'pass', resource: 'etcd/cp-1' },
    ],
  },
  {
    name: 'assesses a managed control plane from the live probe, with no etcd result',
    facts: tlsFacts({ cp: controlPlane({}, 'eks'), probe: probe({ accepted: ['TLS_RSA_WITH_AES_128_GCM_SHA256'] }) }),
    expect: [
      { status: 'fail', resource: 'kube-apiserver', kind: 'KubeApiServer', message: 'TLS_RSA_WITH_AES_128_GCM_SHA256' },
    ],
  },
  {
    name: 'is unknown, not pass, on a managed control plane when some weak-suite handshakes got no answer',
    facts: tlsFacts({
      cp: controlPlane({}, 'eks'),
      probe: probe({ errored: PROBED_SUITES.map((s) => s.name).filter((n) => n !== 'TLS_RSA_WITH_AES_128_CBC_SHA') }),
    }),
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        message: 'weak suite(s) got no answer that proves anything',
      },
    ],
  },
  {
    name: 'is unknown on a managed control plane without the live probe',
    facts: tlsFacts({ cp: controlPlane({}, 'eks'), probe: 'timed out' }),
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        kind: 'KubeApiServer',
        message: 'managed control plane: not visible to the scanner',
      },
    ],
  },
  {
    name: 'pins the whole pass sentence and the probe evidence when both the probe and the flags are clean',
    facts: tlsFacts({ cp: strong, probe: probe({ untested: ['TLS_RSA_WITH_RC4_128_SHA'] }) }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver',
        message: 'kube-apiserver: no weak suite accepted (live probe); --tls-cipher-suites lists only strong suites.',
        evidence: {
          probe: {
            endpoint: '10.0.0.10:6443',
            accepted: [],
            untested: ['TLS_RSA_WITH_RC4_128_SHA'],
            noAnswer: [],
          },
          unsetOn: [],
        },
      },
      { status: 'pass', resource: 'etcd/cp-1', message: 'etcd on cp-1: --cipher-suites lists only strong suites.' },
    ],
  },
  {
    name: 'passes from the flags alone when some probe handshakes got no answer',
    facts: tlsFacts({ cp: strong, probe: probe({ errored: ['TLS_RSA_WITH_AES_128_CBC_SHA'] }) }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver',
        message: 'kube-apiserver: --tls-cipher-suites lists only strong suites.',
        evidence: { probe: { accepted: [], untested: [], noAnswer: ['TLS_RSA_WITH_AES_128_CBC_SHA'] } },
      },
      { status: 'pass', resource: 'etcd/cp-1' },
    ],
  },
  {
    name: 'passes the API server with no list from the probe alone, naming only the probe',
    facts: tlsFacts({ cp: kubeadm({ etcd: { 'cipher-suites': STRONG } }), probe: probe() }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver',
        message: 'kube-apiserver: no weak suite accepted (live probe).',
        evidence: { unsetOn: ['cp-1'] },
      },
      { status: 'pass', resource: 'etcd/cp-1' },
    ],
  },
  {
    name: 'fails when no list is set and the probe could offer no weak suite (all untested)',
    facts: tlsFacts({ cp: kubeadm({ etcd: { 'cipher-suites': STRONG } }), probe: probe({ untested: ALL }) }),
    expect: [
      {
        status: 'fail',
        resource: 'kube-apiserver',
        severity: 'medium',
        message: "kube-apiserver: --tls-cipher-suites is not set (cp-1): Go's default suites include CBC suites.",
        evidence: { unsetOn: ['cp-1'], probe: { untested: ALL, accepted: [] } },
      },
      { status: 'pass', resource: 'etcd/cp-1' },
    ],
  },
  {
    name: 'fails when blank lists are set (a blank flag is no list), naming every instance without one',
    facts: tlsFacts({
      cp: controlPlane({
        'kube-apiserver': [
          instance({ ...KUBEADM_APISERVER, 'tls-cipher-suites': '  ' }, 'cp-1'),
          instance({ ...KUBEADM_APISERVER }, 'cp-2'),
        ],
        etcd: [instance({ ...KUBEADM_ETCD, 'cipher-suites': ' ' }, 'cp-1')],
      }),
      probe: 'not available from manifests',
    }),
    expect: [
      {
        status: 'fail',
        resource: 'kube-apiserver',
        severity: 'medium',
        message: "kube-apiserver: --tls-cipher-suites is not set (cp-1, cp-2): Go's default suites include CBC suites.",
        evidence: { unsetOn: ['cp-1', 'cp-2'], probe: undefined },
      },
      {
        status: 'fail',
        resource: 'etcd/cp-1',
        kind: 'Etcd',
        message: "etcd on cp-1: --cipher-suites is not set: Go's default suites include CBC suites.",
      },
    ],
  },
  {
    name: 'fails on the suites the probe saw accepted without adding the unset flag, high for 3DES',
    facts: tlsFacts({
      cp: kubeadm({ etcd: { 'cipher-suites': STRONG } }),
      probe: probe({ accepted: ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'] }),
    }),
    expect: [
      {
        status: 'fail',
        resource: 'kube-apiserver',
        severity: 'high',
        message:
          'kube-apiserver: 10.0.0.10:6443 accepts TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (live probe).',
        evidence: {
          probe: { accepted: ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'] },
          unsetOn: ['cp-1'],
        },
      },
      { status: 'pass', resource: 'etcd/cp-1' },
    ],
  },
  {
    name: 'fails high on a list mixing CBC and 3DES, naming every weak suite of the API server and of etcd',
    facts: tlsFacts({
      cp: kubeadm({
        apiserver: {
          'tls-cipher-suites': `${STRONG},TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,TLS_RSA_WITH_3DES_EDE_CBC_SHA`,
        },
        etcd: { 'cipher-suites': `${STRONG},TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,TLS_RSA_WITH_3DES_EDE_CBC_SHA` },
      }),
      probe: probe(),
    }),
    expect: [
      {
        status: 'fail',
        resource: 'kube-apiserver',
        severity: 'high',
        message:
          'kube-apiserver: --tls-cipher-suites allows TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (cp-1).',
      },
      {
        status: 'fail',
        resource: 'etcd/cp-1',
        severity: 'high',
        message:
          'etcd on cp-1: --cipher-suites allows TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA.',
        evidence: {
          weak: [
            { name: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', strength: 'insecure' },
            { name: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', strength: 'weak' },
          ],
        },
      },
    ],
  },
  {
    name: 'fails medium on an etcd list with only CBC suites',
    facts: tlsFacts({
      cp: kubeadm({
        apiserver: { 'tls-cipher-suites': STRONG },
        etcd: { 'cipher-suites': `${STRONG},TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA` },
      }),
    }),
    expect: [
      { status: 'pass', resource: 'kube-apiserver' },
      {
        status: 'fail',
        resource: 'etcd/cp-1',
        severity: 'medium',
        message: 'etcd on cp-1: --cipher-suites allows TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA.',
      },
    ],
  },
  {
    name: 'is unknown on a managed control plane when the probe could offer no weak suite',
    facts: tlsFacts({ cp: controlPlane({}, 'eks'), probe: probe({ untested: ALL }) }),
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        message: `Could not assess kube-apiserver's cipher suites: the live probe could not offer any weak suite; ${EKS}.`,
        evidence: { probe: { untested: ALL, noAnswer: [] }, unsetOn: undefined },
      },
    ],
  },
  {
    name: 'names at most three suites that got no answer, with the first failure',
    facts: tlsFacts({ cp: controlPlane({}, 'eks'), probe: probe({ errored: ALL.slice(0, 4) }) }),
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        message: `Could not assess kube-apiserver's cipher suites: 4 weak suite(s) got no answer that proves anything (TLS_RSA_WITH_RC4_128_SHA, TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_RSA_WITH_NULL_SHA, ...: no answer within 5000 ms); ${EKS}.`,
        evidence: { probe: { noAnswer: ALL.slice(0, 4) } },
      },
    ],
  },
  {
    name: 'names all three suites that got no answer without an ellipsis',
    facts: tlsFacts({ cp: controlPlane({}, 'eks'), probe: probe({ errored: ALL.slice(0, 3) }) }),
    expect: [
      {
        status: 'unknown',
        message: `Could not assess kube-apiserver's cipher suites: 3 weak suite(s) got no answer that proves anything (TLS_RSA_WITH_RC4_128_SHA, TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_RSA_WITH_NULL_SHA: no answer within 5000 ms); ${EKS}.`,
      },
    ],
  },
  {
    name: 'says "no answer" when a failed handshake carries no detail',
    facts: tlsFacts({
      cp: controlPlane({}, 'eks'),
      probe: withoutDetail(probe({ errored: ['TLS_RSA_WITH_AES_128_CBC_SHA'] })),
    }),
    expect: [
      {
        status: 'unknown',
        message: `Could not assess kube-apiserver's cipher suites: 1 weak suite(s) got no answer that proves anything (TLS_RSA_WITH_AES_128_CBC_SHA: no answer); ${EKS}.`,
      },
    ],
  },
  {
    name: 'is unknown, naming both reasons, when no API server Pod is seen and the probe did not run',
    facts: { ...tlsFacts({ cp: controlPlane({}) }) },
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        kind: 'KubeApiServer',
        message:
          "Could not assess kube-apiserver's cipher suites: the live TLS probe did not run; no kube-apiserver Pod seen (no mirror Pod in kube-system, no static Pod manifest).",
        evidence: { probe: undefined, unsetOn: undefined },
      },
    ],
  },
  {
    name: 'names every source of weak suites: the probe, then each instance whose list allows one',
    facts: tlsFacts({
      cp: controlPlane({
        'kube-apiserver': [
          instance({ ...KUBEADM_APISERVER, 'tls-cipher-suites': `${STRONG},TLS_RSA_WITH_AES_128_GCM_SHA256` }, 'cp-1'),
          instance({ ...KUBEADM_APISERVER, 'tls-cipher-suites': STRONG }, 'cp-2'),
          instance({ ...KUBEADM_APISERVER, 'tls-cipher-suites': `${STRONG},TLS_RSA_WITH_AES_128_CBC_SHA` }, 'cp-3'),
        ],
      }),
      probe: probe({ accepted: ['TLS_RSA_WITH_AES_128_GCM_SHA256'] }),
    }),
    expect: [
      {
        status: 'fail',
        resource: 'kube-apiserver',
        severity: 'medium',
        message:
          'kube-apiserver: 10.0.0.10:6443 accepts TLS_RSA_WITH_AES_128_GCM_SHA256 (live probe); --tls-cipher-suites allows TLS_RSA_WITH_AES_128_GCM_SHA256 (cp-1); --tls-cipher-suites allows TLS_RSA_WITH_AES_128_CBC_SHA (cp-3).',
        evidence: { unsetOn: [] },
      },
    ],
  },
  {
    name: 'quotes the failure of the first suite that got no answer, not of the first suite probed',
    facts: tlsFacts({ cp: controlPlane({}, 'eks'), probe: probe({ errored: ['TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA'] }) }),
    expect: [
      {
        status: 'unknown',
        message: `Could not assess kube-apiserver's cipher suites: 1 weak suite(s) got no answer that proves anything (TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: no answer within 5000 ms); ${EKS}.`,
      },
    ],
  },
]);
