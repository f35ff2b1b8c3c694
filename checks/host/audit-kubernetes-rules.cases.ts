import { defineCases } from '../../test/support/cases';
import check from './audit-kubernetes-rules';
import { HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import { audit, ok } from './os-case-helpers';

export default defineCases(check, [
  {
    name: 'passes the kubelet configuration and /etc/containerd watched',
    facts: {
      'host.audit': audit(['-w /var/lib/kubelet/config.yaml -p wa -k kubelet', '-w /etc/containerd -p wa -k cri']),
      'host.kubelet': kubelet(HARDENED_KUBELET),
      'host.runtime': ok({ present: ['containerd'], files: [] }),
    },
    expect: [
      { status: 'pass', resource: '/var/lib/kubelet/config.yaml' },
      { status: 'pass', resource: '/etc/containerd' },
    ],
  },
  {
    name: 'fails when neither is watched',
    facts: {
      'host.audit': audit(['-w /etc/passwd -p wa']),
      'host.kubelet': kubelet(HARDENED_KUBELET),
      'host.runtime': ok({ present: ['containerd'], files: [] }),
    },
    expect: [
      { status: 'fail', resource: '/var/lib/kubelet/config.yaml' },
      { status: 'fail', resource: '/etc/containerd' },
    ],
  },
  {
    name: 'is not applicable without a kubelet or a runtime',
    facts: { 'host.audit': audit([]), 'host.kubelet': NO_KUBELET, 'host.runtime': ok({ present: [], files: [] }) },
    expect: [{ status: 'not-applicable' }],
  },
  {
    name: 'is unknown when which files to watch is not known',
    facts: {
      'host.audit': audit([]),
      'host.kubelet': { ok: false, reason: 'the host probe output is truncated' },
      'host.runtime': { ok: false, reason: 'the host probe output is truncated' },
    },
    expect: [{ status: 'unknown', message: 'truncated' }],
  },
]);
