import { defineCases } from '../../test/support/cases';
import check from './audit-kubernetes-rules';
import { HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import { audit, ok } from './os-case-helpers';

const KUBELET_RULE = '-w /var/lib/kubelet/config.yaml -p wa -k kubelet';
const CONTAINERD_RULE = '-w /etc/containerd -p wa -k cri';

export default defineCases(check, [
  {
    name: 'passes the kubelet configuration and /etc/containerd watched, naming each rule',
    facts: {
      'host.audit': audit([KUBELET_RULE, CONTAINERD_RULE]),
      'host.kubelet': kubelet(HARDENED_KUBELET),
      'host.runtime': ok({ present: ['containerd'], files: [] }),
    },
    expect: [
      {
        status: 'pass',
        kind: 'AuditWatch',
        resource: '/var/lib/kubelet/config.yaml',
        message: `Changes to /var/lib/kubelet/config.yaml (Kubernetes node configuration) are audited on node-1 by "${KUBELET_RULE}" (the loaded rules (auditctl -l)).`,
        evidence: { source: 'auditctl', ruleCount: 2, rule: KUBELET_RULE },
      },
      {
        status: 'pass',
        resource: '/etc/containerd',
        message: `Changes to /etc/containerd (Kubernetes node configuration) are audited on node-1 by "${CONTAINERD_RULE}" (the loaded rules (auditctl -l)).`,
        evidence: { source: 'auditctl', ruleCount: 2, rule: CONTAINERD_RULE },
      },
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
      {
        status: 'fail',
        resource: '/var/lib/kubelet/config.yaml',
        message:
          'No audit rule on node-1 records writes and attribute changes of /var/lib/kubelet/config.yaml (Kubernetes node configuration; the loaded rules (auditctl -l), 1 rule).',
        evidence: { source: 'auditctl', ruleCount: 1, rule: undefined },
      },
      { status: 'fail', resource: '/etc/containerd' },
    ],
  },
  {
    name: 'judges /etc/containerd alone when the kubelet was not collected, skipping a runtime with no known configuration folder',
    facts: {
      'host.audit': audit([CONTAINERD_RULE]),
      'host.runtime': ok({ present: ['podman', 'containerd'], files: [] }),
    },
    expect: [{ status: 'pass', resource: '/etc/containerd' }],
  },
  {
    name: 'judges the kubelet configuration alone when the runtime was not collected',
    facts: { 'host.audit': audit([]), 'host.kubelet': kubelet(HARDENED_KUBELET) },
    expect: [{ status: 'fail', resource: '/var/lib/kubelet/config.yaml' }],
  },
  {
    name: 'is not applicable without a kubelet or a runtime',
    facts: { 'host.audit': audit([]), 'host.kubelet': NO_KUBELET, 'host.runtime': ok({ present: [], files: [] }) },
    expect: [
      {
        status: 'not-applicable',
        kind: 'Host',
        message: 'node-1 has no kubelet configuration and no container runtime.',
      },
    ],
  },
  {
    name: 'is unknown when which files to watch is not known, giving both reasons',
    facts: {
      'host.audit': audit([]),
      'host.kubelet': { ok: false, reason: 'the host probe output is truncated' },
      'host.runtime': { ok: false, reason: 'the runtime section is malformed' },
    },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess audit rules for the kubelet and the container runtime on node-1: which files they use is not known (the host probe output is truncated; the runtime section is malformed).',
      },
    ],
  },
  {
    name: 'is unknown, not not-applicable, when no kubelet runs and the runtime was not collected',
    facts: { 'host.audit': audit([]), 'host.kubelet': NO_KUBELET },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess audit rules for the kubelet and the container runtime on node-1: which files they use is not known (not collected).',
      },
    ],
  },
]);
