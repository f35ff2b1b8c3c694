/** Builders for TLS cases: control-plane flags, a live probe result, certificates. */

import type {
  CertificateInfo,
  ComponentInstance,
  ControlPlaneComponent,
  HandshakeOutcome,
  KControlPlane,
  KTlsProbe,
  TlsCipherResult,
  TlsProtocol,
} from '../../../src/core/facts/k8s';
import type { FactSet } from '../../../src/core/model';

/**
 * The weak suites a probe result reports in these cases: both strengths, and every suite a case names. A sample,
 * not the probe's own list: the checks judge whatever suites a probe reports, so their cases need no collector.
 */
export const PROBED_SUITES: readonly Pick<TlsCipherResult, 'name' | 'openssl' | 'strength'>[] = [
  { name: 'TLS_RSA_WITH_RC4_128_SHA', openssl: 'RC4-SHA', strength: 'insecure' },
  { name: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', openssl: 'DES-CBC3-SHA', strength: 'insecure' },
  { name: 'TLS_RSA_WITH_NULL_SHA', openssl: 'NULL-SHA', strength: 'insecure' },
  { name: 'TLS_RSA_WITH_AES_128_CBC_SHA', openssl: 'AES128-SHA', strength: 'weak' },
  { name: 'TLS_RSA_WITH_AES_128_GCM_SHA256', openssl: 'AES128-GCM-SHA256', strength: 'weak' },
  { name: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', openssl: 'ECDHE-RSA-AES128-SHA', strength: 'weak' },
  { name: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', openssl: 'ECDHE-RSA-AES256-SHA', strength: 'weak' },
];

/** Case scan time is 2026-06-01T00:00:00Z; `days` from then. */
export function inDays(days: number): string {
  return new Date(Date.parse('2026-06-01T00:00:00Z') + days * 86_400_000).toISOString();
}

export function cert(o: Partial<CertificateInfo> = {}): CertificateInfo {
  return {
    subject: 'CN=kube-apiserver',
    issuer: 'CN=kubernetes',
    notBefore: inDays(-100),
    notAfter: inDays(265),
    keyType: 'RSA',
    keyBits: 2048,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    sans: ['DNS:kubernetes', 'DNS:kubernetes.default.svc', 'IP:10.96.0.1'],
    isCA: false,
    selfIssued: false,
    ...o,
  };
}

export const KUBEADM_APISERVER: Record<string, string> = {
  'advertise-address': '10.0.0.10',
  'tls-cert-file': '/etc/kubernetes/pki/apiserver.crt',
  'tls-private-key-file': '/etc/kubernetes/pki/apiserver.key',
  'etcd-cafile': '/etc/kubernetes/pki/etcd/ca.crt',
  'etcd-certfile': '/etc/kubernetes/pki/apiserver-etcd-client.crt',
  'etcd-keyfile': '/etc/kubernetes/pki/apiserver-etcd-client.key',
  'etcd-servers': 'https://127.0.0.1:2379',
  'kubelet-client-certificate': '/etc/kubernetes/pki/apiserver-kubelet-client.crt',
  'kubelet-client-key': '/etc/kubernetes/pki/apiserver-kubelet-client.key',
  'client-ca-file': '/etc/kubernetes/pki/ca.crt',
};

export const KUBEADM_ETCD: Record<string, string> = {
  'cert-file': '/etc/kubernetes/pki/etcd/server.crt',
  'key-file': '/etc/kubernetes/pki/etcd/server.key',
  'client-cert-auth': 'true',
  'trusted-ca-file': '/etc/kubernetes/pki/etcd/ca.crt',
  'peer-cert-file': '/etc/kubernetes/pki/etcd/peer.crt',
  'peer-key-file': '/etc/kubernetes/pki/etcd/peer.key',
  'peer-client-cert-auth': 'true',
  'peer-trusted-ca-file': '/etc/kubernetes/pki/etcd/ca.crt',
};

export const KUBEADM_CONTROLLER_MANAGER: Record<string, string> = {
  'root-ca-file': '/etc/kubernetes/pki/ca.crt',
  'service-account-private-key-file': '/etc/kubernetes/pki/sa.key',
  'use-service-account-credentials': 'true',
};

export function instance(flags: Record<string, string>, node = 'cp-1'): ComponentInstance {
  return { source: 'mirror-pod', node, flags };
}

export function controlPlane(
  components: Partial<Record<ControlPlaneComponent, ComponentInstance[]>>,
  managed: KControlPlane['managed'] = null,
): KControlPlane {
  return { managed, ...(managed ? { managedEvidence: 'server version v1.31.2-eks-7f9249a' } : {}), components };
}

export function probe(
  o: {
    chain?: CertificateInfo[];
    protocols?: Partial<Record<TlsProtocol, HandshakeOutcome>>;
    accepted?: string[];
    untested?: string[];
    /** Suites whose handshake failed for a reason that proves nothing (a reset, a timeout). */
    errored?: string[];
  } = {},
): KTlsProbe {
  const protocols = {
    TLSv1: 'refused',
    'TLSv1.1': 'refused',
    'TLSv1.2': 'accepted',
    'TLSv1.3': 'accepted',
    ...o.protocols,
  } as Record<TlsProtocol, HandshakeOutcome>;
  // A suite outside the sample would silently stay `refused` and the case would not test what it says.
  for (const name of [...(o.accepted ?? []), ...(o.untested ?? []), ...(o.errored ?? [])]) {
    if (!PROBED_SUITES.some((s) => s.name === name)) throw new Error(`${name} is not in PROBED_SUITES`);
  }
  return {
    endpoint: '10.0.0.10:6443',
    probedAt: '2026-06-01T00:00:00.000Z',
    chain: o.chain ?? [
      cert(),
      cert({ subject: 'CN=kubernetes', isCA: true, selfIssued: true, notAfter: inDays(3000) }),
    ],
    negotiated: { protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256' },
    verification: { ok: true, against: 'given CA' },
    protocols: (Object.keys(protocols) as TlsProtocol[]).map((protocol) => ({
      protocol,
      outcome: protocols[protocol],
      ...(protocols[protocol] === 'error' ? { detail: 'ECONNRESET: read ECONNRESET (not a TLS refusal)' } : {}),
    })),
    ciphers: PROBED_SUITES.map((s) => {
      const outcome: HandshakeOutcome = o.accepted?.includes(s.name)
        ? 'accepted'
        : o.untested?.includes(s.name)
          ? 'untested'
          : o.errored?.includes(s.name)
            ? 'error'
            : 'refused';
      return { ...s, outcome, ...(outcome === 'error' ? { detail: 'no answer within 5000 ms' } : {}) };
    }),
  };
}

export function tlsFacts(o: { cp?: KControlPlane; probe?: KTlsProbe | string }): FactSet {
  const facts: FactSet = {};
  if (o.cp) facts['k8s.controlPlane'] = { ok: true, value: o.cp };
  if (typeof o.probe === 'string') facts['k8s.apiserverTls'] = { ok: false, reason: o.probe };
  else if (o.probe) facts['k8s.apiserverTls'] = { ok: true, value: o.probe };
  return facts;
}

export const kubeadm = (
  over: { apiserver?: Record<string, string>; etcd?: Record<string, string>; cm?: Record<string, string> } = {},
) =>
  controlPlane({
    'kube-apiserver': [instance({ ...KUBEADM_APISERVER, ...over.apiserver })],
    etcd: [instance({ ...KUBEADM_ETCD, ...over.etcd })],
    'kube-controller-manager': [instance({ ...KUBEADM_CONTROLLER_MANAGER, ...over.cm })],
  });

/** Removes flags from a record (a flag set to undefined is absent). */
export function without(flags: Record<string, string>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(flags).filter(([k]) => !names.includes(k)));
}
