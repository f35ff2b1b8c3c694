/**
 * The weak TLS 1.2-and-older suites the probe offers one at a time, with their IANA names (as Kubernetes'
 * `--tls-cipher-suites` and Go write them) and OpenSSL names (as node:tls offers them). Pure data.
 * Some are compiled out of OpenSSL 3 (RC4, 3DES): offering them fails locally and they are reported `untested`.
 */
import type { CipherStrength } from '../../core/facts/k8s';

export interface WeakSuite {
  name: string;
  openssl: string;
  strength: CipherStrength;
}

export const WEAK_SUITES: readonly WeakSuite[] = [
  { name: 'TLS_RSA_WITH_RC4_128_SHA', openssl: 'RC4-SHA', strength: 'insecure' },
  { name: 'TLS_ECDHE_RSA_WITH_RC4_128_SHA', openssl: 'ECDHE-RSA-RC4-SHA', strength: 'insecure' },
  { name: 'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA', openssl: 'ECDHE-ECDSA-RC4-SHA', strength: 'insecure' },
  { name: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', openssl: 'DES-CBC3-SHA', strength: 'insecure' },
  { name: 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', openssl: 'ECDHE-RSA-DES-CBC3-SHA', strength: 'insecure' },
  { name: 'TLS_RSA_WITH_NULL_SHA', openssl: 'NULL-SHA', strength: 'insecure' },
  { name: 'TLS_RSA_WITH_NULL_SHA256', openssl: 'NULL-SHA256', strength: 'insecure' },
  { name: 'TLS_ECDHE_RSA_WITH_NULL_SHA', openssl: 'ECDHE-RSA-NULL-SHA', strength: 'insecure' },
  { name: 'TLS_ECDHE_ECDSA_WITH_NULL_SHA', openssl: 'ECDHE-ECDSA-NULL-SHA', strength: 'insecure' },
  { name: 'TLS_DH_anon_WITH_AES_128_CBC_SHA', openssl: 'ADH-AES128-SHA', strength: 'insecure' },
  { name: 'TLS_ECDH_anon_WITH_AES_128_CBC_SHA', openssl: 'AECDH-AES128-SHA', strength: 'insecure' },
  { name: 'TLS_RSA_WITH_AES_128_CBC_SHA', openssl: 'AES128-SHA', strength: 'weak' },
  { name: 'TLS_RSA_WITH_AES_256_CBC_SHA', openssl: 'AES256-SHA', strength: 'weak' },
  { name: 'TLS_RSA_WITH_AES_128_CBC_SHA256', openssl: 'AES128-SHA256', strength: 'weak' },
  { name: 'TLS_RSA_WITH_AES_128_GCM_SHA256', openssl: 'AES128-GCM-SHA256', strength: 'weak' },
  { name: 'TLS_RSA_WITH_AES_256_GCM_SHA384', openssl: 'AES256-GCM-SHA384', strength: 'weak' },
  { name: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', openssl: 'ECDHE-RSA-AES128-SHA', strength: 'weak' },
  { name: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', openssl: 'ECDHE-RSA-AES256-SHA', strength: 'weak' },
  { name: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', openssl: 'ECDHE-ECDSA-AES128-SHA', strength: 'weak' },
  { name: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', openssl: 'ECDHE-ECDSA-AES256-SHA', strength: 'weak' },
  { name: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', openssl: 'ECDHE-RSA-AES128-SHA256', strength: 'weak' },
  { name: 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', openssl: 'ECDHE-ECDSA-AES128-SHA256', strength: 'weak' },
  { name: 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA', openssl: 'DHE-RSA-AES128-SHA', strength: 'weak' },
  { name: 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA', openssl: 'DHE-RSA-AES256-SHA', strength: 'weak' },
];
