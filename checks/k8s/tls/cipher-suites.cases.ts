import { defineCases } from '../../../test/support/cases';
import check from './cipher-suites';
import { controlPlane, kubeadm, PROBED_SUITES, probe, tlsFacts } from './fixtures';

const STRONG =
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,TLS_AES_128_GCM_SHA256';
const strong = kubeadm({ apiserver: { 'tls-cipher-suites': STRONG }, etcd: { 'cipher-suites': STRONG } });

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
]);
