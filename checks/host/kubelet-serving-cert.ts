/**
 * CIS Kubernetes 4.2.9: the kubelet serves HTTPS with a certificate that is not one it generated for itself:
 * `tlsCertFile` and `tlsPrivateKeyFile` (flags --tls-cert-file, --tls-private-key-file) both set, or serving
 * certificates requested from the cluster and rotated (./kubelet-serving-rotation.ts), which replaces the files.
 * With neither, the kubelet writes a self-signed certificate into its --cert-dir. The check sees that the files are
 * named, not who signed them (host.cert.expiry reads their expiry).
 */
import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { servingRotation, settingsEvidence, unknownReasons } from './kubelet-serving-rotation';
import { effectiveSetting, KUBELET_RESOURCE, type KubeletRule, shownValue, withoutKubelet } from './kubelet-setting';

const file = (flag: string, field: string): KubeletRule => ({
  flag,
  path: [field],
  configDefault: undefined,
  flagDefault: undefined,
  label: field,
  secure: (v) => v !== undefined && v.trim() !== '',
  expected: 'set',
  risk: '',
});

const CERT = file('tls-cert-file', 'tlsCertFile');
const KEY = file('tls-private-key-file', 'tlsPrivateKeyFile');

export default defineCheck({
  id: 'host.kubelet.serving-cert',
  title:
    'The kubelet serves HTTPS with a set certificate (--tls-cert-file and --tls-private-key-file) or a rotated one',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.2.9' }],
  remediation:
    'Either set serverTLSBootstrap: true (--rotate-server-certificates) so the kubelet requests its serving ' +
    'certificate from the cluster CA, and approve its CSRs; or set tlsCertFile and tlsPrivateKeyFile in the kubelet ' +
    'configuration file (--tls-cert-file, --tls-private-key-file) to a certificate for the node signed by a CA the ' +
    'API server trusts (--kubelet-certificate-authority). Then restart the kubelet.',
  requires: ['host.kubelet'],
  evaluate: (ctx): Finding[] => {
    const none = withoutKubelet(ctx);
    if (none) return none;
    const host = ctx.target.name;
    const k = ctx.facts['host.kubelet'];
    const rotation = servingRotation(k);
    const files = [CERT, KEY].map((rule) => ({ rule, eff: effectiveSetting(k, rule) }));
    const evidence: Record<string, unknown> = {
      ...Object.fromEntries(
        files.map(({ rule, eff }) => [
          rule.label,
          eff.known ? { value: eff.value ?? null, from: eff.from } : { value: null, from: null },
        ]),
      ),
      ...settingsEvidence(rotation.settings),
      ...(k.flagsNote ? { flagsNote: k.flagsNote } : {}),
    };
    const result = (status: Finding['status'], message: string): Finding[] => [
      { status, resource: KUBELET_RESOURCE, message, evidence },
    ];
    const rotationSeen = rotation.decisive.map((s) => s.seen).join('; ');
    if (rotation.on === true) {
      return result(
        'pass',
        `The kubelet on ${host} requests its serving certificate from the cluster and rotates it: ${rotationSeen}.`,
      );
    }
    const unseen = files.flatMap(({ eff }) => (eff.known ? [] : [eff.why]));
    const filesSeen = files
      .map(({ rule, eff }) => (eff.known ? `${rule.label} is ${shownValue(eff.value)} (${eff.from})` : ''))
      .filter(Boolean)
      .join(', ');
    if (unseen.length === 0 && files.every(({ rule, eff }) => eff.known && rule.secure(eff.value))) {
      return result(
        'pass',
        `The kubelet on ${host} serves HTTPS with the certificate and key it is given: ${filesSeen}.`,
      );
    }
    if (unseen.length > 0 || rotation.on === null) {
      const why = [...new Set([...unseen, ...(rotation.on === null ? unknownReasons(rotation.decisive) : [])])].join(
        '; ',
      );
      return result('unknown', `Could not assess the serving certificate of the kubelet on ${host}: ${why}.`);
    }
    const setCount = files.filter(({ rule, eff }) => eff.known && rule.secure(eff.value)).length;
    const consequence =
      setCount === 0
        ? 'It serves a self-signed certificate it generated, which the API server and other clients cannot verify'
        : 'A certificate without its key, or a key without its certificate, is nothing the kubelet can serve with';
    return result(
      'fail',
      `The kubelet on ${host} has no serving certificate of its own: ${filesSeen}, and it does not rotate one (${rotationSeen}). ${consequence}.`,
    );
  },
});
