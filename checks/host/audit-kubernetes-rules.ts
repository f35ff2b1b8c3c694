import { defineCheck } from '../../src/core/check';
import type { HostKubelet, HostRuntime } from '../../src/core/facts/host';
import type { Finding } from '../../src/core/model';
import { watchFindings } from './audit-helpers';
import { dil, hostResource } from './os-helpers';

/** The configuration folder of each container runtime. */
const RUNTIME_CONFIG: Record<string, string> = {
  containerd: '/etc/containerd',
  crio: '/etc/crio',
  docker: '/etc/docker',
};

export default defineCheck({
  id: 'host.audit.kubernetes-rules',
  title: 'Changes to the kubelet and container runtime configuration are audited',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [dil('4.1')],
  remediation:
    'Add watches for the kubelet configuration and the runtime configuration to /etc/audit/rules.d, for example ' +
    '"-w /var/lib/kubelet/config.yaml -p wa -k kubelet" and "-w /etc/containerd -p wa -k container-runtime"; load ' +
    'them with "augenrules --load".',
  requires: ['host.audit'],
  uses: ['host.kubelet', 'host.runtime'],
  evaluate: ({ facts, optional, target }): Finding[] => {
    const kubelet = optional['host.kubelet'];
    const runtime = optional['host.runtime'];
    const paths: string[] = [];
    const k: HostKubelet | undefined = kubelet?.ok ? kubelet.value : undefined;
    if (k?.present && k.configPath) paths.push(k.configPath);
    const rt: HostRuntime | undefined = runtime?.ok ? runtime.value : undefined;
    for (const r of rt?.present ?? []) if (RUNTIME_CONFIG[r]) paths.push(RUNTIME_CONFIG[r]);
    if (paths.length === 0) {
      const unseen = [kubelet, runtime].filter((f) => f && !f.ok).map((f) => (f && !f.ok ? f.reason : ''));
      if (unseen.length > 0 || !kubelet || !runtime) {
        return [
          {
            status: 'unknown',
            resource: hostResource(target),
            message: `Could not assess audit rules for the kubelet and the container runtime on ${target.name}: which files they use is not known (${unseen.join('; ') || 'not collected'}).`,
          },
        ];
      }
      return [
        {
          status: 'not-applicable',
          resource: hostResource(target),
          message: `${target.name} has no kubelet configuration and no container runtime.`,
        },
      ];
    }
    return watchFindings(facts['host.audit'], target, paths, 'Kubernetes node configuration');
  },
});
