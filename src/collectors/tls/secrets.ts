import { errorMessage } from '../../core/errors';
import type { KTlsSecret } from '../../core/facts/k8s';
import { certificatesFromPem } from './x509';

/**
 * Reduces a `kubernetes.io/tls` Secret to the metadata of its leaf certificate, for `k8s.tlsSecrets`. Only
 * `data["tls.crt"]` is read; `tls.key` is never looked at, and nothing of the Secret but the certificate's public
 * metadata is kept. A missing or unreadable certificate gives `certificate: null` with the reason.
 */
export function tlsSecretFact(secret: { namespace: string; name: string; data?: Record<string, unknown> }): KTlsSecret {
  const base = { namespace: secret.namespace, name: secret.name };
  const crt = secret.data?.['tls.crt'];
  if (typeof crt !== 'string' || crt.length === 0)
    return { ...base, certificate: null, error: 'the Secret has no tls.crt' };
  try {
    const pem = Buffer.from(crt, 'base64').toString('utf8');
    return { ...base, certificate: certificatesFromPem(pem)[0] };
  } catch (err) {
    return {
      ...base,
      certificate: null,
      error: `tls.crt is not a readable PEM certificate: ${errorMessage(err)}`,
    };
  }
}
