/**
 * CIS Kubernetes 4.2.11 / EKS 3.2.9: "the RotateKubeletServerCertificate argument is set to true". Our reading: the
 * control is met when the kubelet does rotate its serving certificate, which needs the feature gate (on by default
 * since 1.12) and serverTLSBootstrap (flag --rotate-server-certificates, default false): a kubelet with the gate
 * on and serverTLSBootstrap left at its default fails, as it never requests a serving certificate. Either setting
 * not visible, or set to a value the kubelet refuses, makes the result unknown unless the other is off
 * (./kubelet-serving-rotation.ts).
 */
import { defineCheck } from '../../src/core/check';
import { servingRotation, settingsEvidence, unknownReasons } from './kubelet-serving-rotation';
import { KUBELET_RESOURCE, withoutKubelet } from './kubelet-setting';

export default defineCheck({
  id: 'host.kubelet.server-cert-rotation',
  title:
    'The kubelet requests and rotates its serving certificate (serverTLSBootstrap and RotateKubeletServerCertificate)',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.2.11' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '3.2.9' },
  ],
  remediation:
    'Set serverTLSBootstrap: true in the kubelet configuration file (or --rotate-server-certificates), leave the ' +
    'RotateKubeletServerCertificate feature gate on (remove RotateKubeletServerCertificate=false from featureGates ' +
    'and --feature-gates), restart the kubelet, and approve its serving CSRs (signer kubernetes.io/kubelet-serving: ' +
    'kube-controller-manager does not approve them; use an approver that checks the node names them).',
  requires: ['host.kubelet'],
  evaluate: (ctx) => {
    const none = withoutKubelet(ctx);
    if (none) return none;
    const host = ctx.target.name;
    const k = ctx.facts['host.kubelet'];
    const r = servingRotation(k);
    const seen = r.decisive.map((s) => s.seen).join('; ');
    const evidence = { ...settingsEvidence(r.settings), ...(k.flagsNote ? { flagsNote: k.flagsNote } : {}) };
    if (r.on === null) {
      return [
        {
          status: 'unknown',
          resource: KUBELET_RESOURCE,
          message: `Could not assess serving certificate rotation of the kubelet on ${host}: ${unknownReasons(r.decisive).join('; ')}.`,
          evidence,
        },
      ];
    }
    if (!r.on) {
      return [
        {
          status: 'fail',
          resource: KUBELET_RESOURCE,
          message: `The kubelet on ${host} does not rotate its serving certificate: ${seen}. It serves a certificate it signed itself or one installed by hand, which nothing renews.`,
          evidence,
        },
      ];
    }
    return [
      {
        status: 'pass',
        resource: KUBELET_RESOURCE,
        message: `The kubelet on ${host} requests and rotates its serving certificate: ${seen}.`,
        evidence,
      },
    ];
  },
});
