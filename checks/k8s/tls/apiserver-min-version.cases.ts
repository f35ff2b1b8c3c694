import { defineCases } from '../../../test/support/cases';
import check from './apiserver-min-version';
import { controlPlane, instance, KUBEADM_APISERVER, kubeadm, probe, tlsFacts } from './fixtures';

const EKS = 'managed control plane: not visible to the scanner (eks, server version v1.31.2-eks-7f9249a)';
const twoApiservers = (a: Record<string, string>, b: Record<string, string>) =>
  controlPlane({
    'kube-apiserver': [
      instance({ ...KUBEADM_APISERVER, ...a }, 'cp-1'),
      instance({ ...KUBEADM_APISERVER, ...b }, 'cp-2'),
    ],
  });

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
  {
    name: 'pins the whole pass sentence and the evidence of the probe and of the flags',
    facts: tlsFacts({ cp: kubeadm(), probe: probe() }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver',
        kind: 'KubeApiServer',
        message: 'kube-apiserver: 10.0.0.10:6443 refuses TLS 1.0 and 1.1 (live probe).',
        evidence: {
          probe: {
            endpoint: '10.0.0.10:6443',
            protocols: [
              { protocol: 'TLSv1', outcome: 'refused' },
              { protocol: 'TLSv1.1', outcome: 'refused' },
              { protocol: 'TLSv1.2', outcome: 'accepted' },
              { protocol: 'TLSv1.3', outcome: 'accepted' },
            ],
          },
          flags: [{ instance: 'cp-1', tlsMinVersion: null }],
        },
      },
    ],
  },
  {
    name: 'names both sources when the probe and the flags (padded values) both show TLS 1.2 or above',
    facts: tlsFacts({
      cp: twoApiservers({ 'tls-min-version': ' VersionTLS12 ' }, { 'tls-min-version': 'VersionTLS13' }),
      probe: probe(),
    }),
    expect: [
      {
        status: 'pass',
        message:
          'kube-apiserver: 10.0.0.10:6443 refuses TLS 1.0 and 1.1 (live probe); --tls-min-version is 1.2 or above on every instance.',
        evidence: {
          flags: [
            { instance: 'cp-1', tlsMinVersion: ' VersionTLS12 ' },
            { instance: 'cp-2', tlsMinVersion: 'VersionTLS13' },
          ],
        },
      },
    ],
  },
  {
    name: 'passes from the flags alone, naming only them',
    facts: tlsFacts({ cp: kubeadm({ apiserver: { 'tls-min-version': 'VersionTLS12' } }) }),
    expect: [
      {
        status: 'pass',
        message: 'kube-apiserver: --tls-min-version is 1.2 or above on every instance.',
        evidence: { probe: undefined },
      },
    ],
  },
  {
    name: 'is unknown, not pass, when only one of two instances sets 1.2 and the probe did not run',
    facts: tlsFacts({ cp: twoApiservers({ 'tls-min-version': 'VersionTLS12' }, {}) }),
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        message:
          "Could not assess kube-apiserver's minimum TLS version: the live TLS probe did not run; --tls-min-version is not set on every instance (the default depends on the Go version).",
        evidence: {
          flags: [
            { instance: 'cp-1', tlsMinVersion: 'VersionTLS12' },
            { instance: 'cp-2', tlsMinVersion: null },
          ],
        },
      },
    ],
  },
  {
    name: 'fails on a padded --tls-min-version value and on the probe, naming both',
    facts: tlsFacts({
      cp: kubeadm({ apiserver: { 'tls-min-version': ' VersionTLS10 ' } }),
      probe: probe({ protocols: { TLSv1: 'accepted' } }),
    }),
    expect: [
      {
        status: 'fail',
        resource: 'kube-apiserver',
        message: 'kube-apiserver: 10.0.0.10:6443 accepts TLSv1 (live probe); --tls-min-version=VersionTLS10 (cp-1).',
        evidence: {
          probe: { endpoint: '10.0.0.10:6443' },
          flags: [{ instance: 'cp-1', tlsMinVersion: ' VersionTLS10 ' }],
        },
      },
    ],
  },
  {
    name: 'is unknown, not pass, when TLS 1.0 was refused but TLS 1.1 got no refusal, naming only what was not refused',
    facts: tlsFacts({ cp: kubeadm(), probe: probe({ protocols: { 'TLSv1.1': 'error' } }) }),
    expect: [
      {
        status: 'unknown',
        message:
          "Could not assess kube-apiserver's minimum TLS version: live probe could not test TLSv1.1 (error: ECONNRESET: read ECONNRESET (not a TLS refusal)); --tls-min-version is not set on every instance (the default depends on the Go version).",
        evidence: { flags: [{ instance: 'cp-1', tlsMinVersion: null }] },
      },
    ],
  },
  {
    name: 'is unknown when the probe did not report TLS 1.0 and 1.1 at all',
    facts: tlsFacts({
      cp: controlPlane({}, 'eks'),
      probe: { ...probe(), protocols: [{ protocol: 'TLSv1.2', outcome: 'accepted' }] },
    }),
    expect: [
      {
        status: 'unknown',
        message: `Could not assess kube-apiserver's minimum TLS version: live probe could not test TLSv1 (not probed: ), TLSv1.1 (not probed: ); ${EKS}.`,
      },
    ],
  },
  {
    name: 'says the whole reason, untested versions without detail, on a managed control plane',
    facts: tlsFacts({
      cp: controlPlane({}, 'eks'),
      probe: probe({ protocols: { TLSv1: 'untested', 'TLSv1.1': 'untested' } }),
    }),
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        kind: 'KubeApiServer',
        message: `Could not assess kube-apiserver's minimum TLS version: live probe could not test TLSv1 (untested: ), TLSv1.1 (untested: ); ${EKS}.`,
        evidence: { probe: { endpoint: '10.0.0.10:6443' }, flags: undefined },
      },
    ],
  },
  {
    name: 'says why the probe is missing when the flag is unset (manifests)',
    facts: tlsFacts({ cp: kubeadm(), probe: 'not available from manifests' }),
    expect: [
      {
        status: 'unknown',
        message:
          "Could not assess kube-apiserver's minimum TLS version: live TLS probe: not available from manifests; --tls-min-version is not set on every instance (the default depends on the Go version).",
      },
    ],
  },
  {
    name: 'passes from the probe whatever the order of the versions it reports',
    facts: tlsFacts({
      cp: controlPlane({}, 'eks'),
      probe: {
        ...probe(),
        protocols: [
          { protocol: 'TLSv1.3', outcome: 'accepted' },
          { protocol: 'TLSv1.2', outcome: 'accepted' },
          { protocol: 'TLSv1.1', outcome: 'refused' },
          { protocol: 'TLSv1', outcome: 'refused' },
        ],
      },
    }),
    expect: [{ status: 'pass', message: 'kube-apiserver: 10.0.0.10:6443 refuses TLS 1.0 and 1.1 (live probe).' }],
  },
]);
