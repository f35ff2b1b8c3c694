import { defineCases } from '../../../test/support/cases';
import check from './apiserver-min-version';
import { controlPlane, instance, KUBEADM_APISERVER, kubeadm, probe, tlsFacts } from './fixtures';

export default defineCases(check, [
  {
    name: 'passes when the live probe sees TLS 1.0 and 1.1 refused',
    facts: tlsFacts({ cp: kubeadm(), probe: probe() }),
    expect: [{ status: 'pass', resource: 'kube-apiserver', message: 'refuses TLS 1.0 and 1.1 (live probe)' }],
  },
  {
    name: 'fails when the live probe sees TLS 1.0 accepted',
    facts: tlsFacts({ cp: kubeadm(), probe: probe({ protocols: { TLSv1: 'accepted', 'TLSv1.1': 'accepted' } }) }),
    expect: [{ status: 'fail', message: 'accepts TLSv1 and TLSv1.1 (live probe)' }],
  },
  {
    name: 'fails on --tls-min-version=VersionTLS11 even when the probe is not available (manifests)',
    facts: tlsFacts({
      cp: kubeadm({ apiserver: { 'tls-min-version': 'VersionTLS11' } }),
      probe: 'not available from manifests',
    }),
    expect: [{ status: 'fail', message: '--tls-min-version=VersionTLS11 (cp-1)' }],
  },
  {
    name: 'passes on --tls-min-version=VersionTLS12 on every instance without a probe',
    facts: tlsFacts({
      cp: controlPlane({
        'kube-apiserver': [
          instance({ ...KUBEADM_APISERVER, 'tls-min-version': 'VersionTLS12' }, 'cp-1'),
          instance({ ...KUBEADM_APISERVER, 'tls-min-version': 'VersionTLS13' }, 'cp-2'),
        ],
      }),
    }),
    expect: [{ status: 'pass', message: '--tls-min-version is 1.2 or above' }],
  },
  {
    name: 'passes a managed control plane from the live probe alone',
    facts: tlsFacts({ cp: controlPlane({}, 'eks'), probe: probe() }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'is unknown on a managed control plane without the live probe',
    facts: tlsFacts({ cp: controlPlane({}, 'eks'), probe: 'could not connect' }),
    expect: [{ status: 'unknown', message: 'managed control plane: not visible to the scanner' }],
  },
  {
    name: 'is unknown when the flag is unset and the probe could not offer TLS 1.0 (never pass)',
    facts: tlsFacts({ cp: kubeadm(), probe: probe({ protocols: { TLSv1: 'untested', 'TLSv1.1': 'untested' } }) }),
    expect: [{ status: 'unknown', message: 'could not test TLSv1' }],
  },
  {
    name: 'is unknown, never pass, when the TLS 1.0 handshake was reset rather than refused by an alert',
    facts: tlsFacts({ cp: controlPlane({}, 'eks'), probe: probe({ protocols: { TLSv1: 'error' } }) }),
    expect: [{ status: 'unknown', message: 'TLSv1 (error: ECONNRESET' }],
  },
]);
