/**
 * The weak TLS 1.2-and-older suites the probe offers one at a time, with their IANA names (as Kubernetes'
 * `--tls-cipher-suites` and Go write them) and OpenSSL names (as node:tls offers them). Their strength is the
 * classification the checks use (src/core/ciphers.ts), so a probed suite and a configured one are judged alike.
 * Some are compiled out of OpenSSL 3 (RC4, 3DES): offering them fails locally and they are reported `untested`.
 */
import { cipherStrength } from '../../core/ciphers';
import type { CipherStrength } from '../../core/facts/k8s';

export interface WeakSuite {
  name: string;
  openssl: string;
  strength: CipherStrength;
}

/** A probed suite; one the classification calls strong is a mistake in this list, refused when the module loads. */
function suite(name: string, openssl: string): WeakSuite {
  const strength = cipherStrength(name);
  if (strength === 'strong') throw new Error(`${name} is a strong suite: it has no place among the weak suites probed`);
  return { name, openssl, strength };
}

export const WEAK_SUITES: readonly WeakSuite[] = [
  suite('TLS_RSA_WITH_RC4_128_SHA', 'RC4-SHA'),
  suite('TLS_ECDHE_RSA_WITH_RC4_128_SHA', 'ECDHE-RSA-RC4-SHA'),
  suite('TLS_ECDHE_ECDSA_WITH_RC4_128_SHA', 'ECDHE-ECDSA-RC4-SHA'),
  suite('TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'DES-CBC3-SHA'),
  suite('TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', 'ECDHE-RSA-DES-CBC3-SHA'),
  suite('TLS_RSA_WITH_NULL_SHA', 'NULL-SHA'),
  suite('TLS_RSA_WITH_NULL_SHA256', 'NULL-SHA256'),
  suite('TLS_ECDHE_RSA_WITH_NULL_SHA', 'ECDHE-RSA-NULL-SHA'),
  suite('TLS_ECDHE_ECDSA_WITH_NULL_SHA', 'ECDHE-ECDSA-NULL-SHA'),
  suite('TLS_DH_anon_WITH_AES_128_CBC_SHA', 'ADH-AES128-SHA'),
  suite('TLS_ECDH_anon_WITH_AES_128_CBC_SHA', 'AECDH-AES128-SHA'),
  suite('TLS_RSA_WITH_AES_128_CBC_SHA', 'AES128-SHA'),
  suite('TLS_RSA_WITH_AES_256_CBC_SHA', 'AES256-SHA'),
  suite('TLS_RSA_WITH_AES_128_CBC_SHA256', 'AES128-SHA256'),
  suite('TLS_RSA_WITH_AES_128_GCM_SHA256', 'AES128-GCM-SHA256'),
  suite('TLS_RSA_WITH_AES_256_GCM_SHA384', 'AES256-GCM-SHA384'),
  suite('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'ECDHE-RSA-AES128-SHA'),
  suite('TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 'ECDHE-RSA-AES256-SHA'),
  suite('TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 'ECDHE-ECDSA-AES128-SHA'),
  suite('TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', 'ECDHE-ECDSA-AES256-SHA'),
  suite('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'ECDHE-RSA-AES128-SHA256'),
  suite('TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', 'ECDHE-ECDSA-AES128-SHA256'),
  suite('TLS_DHE_RSA_WITH_AES_128_CBC_SHA', 'DHE-RSA-AES128-SHA'),
  suite('TLS_DHE_RSA_WITH_AES_256_CBC_SHA', 'DHE-RSA-AES256-SHA'),
];
