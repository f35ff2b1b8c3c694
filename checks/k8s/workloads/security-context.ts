import { defineCheck } from '../../../src/core/check';
import {
  addsBeyondBaseline,
  anyPrivileged,
  capName,
  cis,
  eachContainer,
  effective,
  NSA_POD_SECURITY,
  perWorkload,
  unconfined,
} from './common';

/**
 * The container settings of Pod Security Standards restricted, as one question per container: does it set the
 * security context a hardened container needs? The host-level controls have their own checks (host-*, privileged).
 */
export default defineCheck({
  id: 'k8s.workloads.security-context',
  title:
    'Every container sets the restricted security context: non-root, no privilege escalation, ALL capabilities dropped, a seccomp profile',
  severity: 'low',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.6.3'), NSA_POD_SECURITY],
  remediation:
    'Give the pod `securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}` and each ' +
    'container `securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: ["ALL"]}}` (add back ' +
    'NET_BIND_SERVICE only if it binds a low port). Then label the namespace ' +
    '`pod-security.kubernetes.io/enforce=restricted` so every new pod must do the same.',
  requires: ['k8s.workloads'],
  uses: ['k8s.namespaces'],
  evaluate: perWorkload({
    level: 'restricted',
    linuxOnly: true,
    offences: eachContainer((c, pod) => {
      const missing: string[] = [];
      if (c.privileged === true) missing.push('privileged: true');
      if (c.allowPrivilegeEscalation !== false) missing.push('allowPrivilegeEscalation: false');
      if (effective(pod, c, 'runAsNonRoot') !== true) missing.push('runAsNonRoot: true');
      if (effective(pod, c, 'runAsUser') === 0) missing.push('a non-zero runAsUser');
      if (!(c.capabilitiesDrop ?? []).includes('ALL')) missing.push('capabilities.drop: [ALL]');
      const added = (c.capabilitiesAdd ?? []).filter((x) => capName(x) !== 'NET_BIND_SERVICE');
      if (added.length > 0) missing.push(`no added capability but NET_BIND_SERVICE (adds ${added.join(', ')})`);
      const seccomp = effective(pod, c, 'seccompProfile');
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') missing.push('a RuntimeDefault seccomp profile');
      if (missing.length === 0) return undefined;
      const [first, ...rest] = missing;
      return first === 'privileged: true'
        ? `is privileged${rest.length > 0 ? ` and lacks ${rest.join(', ')}` : ''}`
        : `lacks ${missing.join(', ')}`;
    }),
    what: 'runs containers without the restricted security context',
    breaksBaseline: (pod) => anyPrivileged(pod) || addsBeyondBaseline(pod) || unconfined(pod),
    passWords: 'sets the restricted security context on every container',
  }),
});
