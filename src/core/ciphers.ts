/**
 * The one classification of TLS cipher suites, for the checks (suites a component is configured with) and for the
 * TLS probe (the suites it offers). Names as Kubernetes components take them (`--tls-cipher-suites`, kubelet `tlsCipherSuites`, etcd
 * `--cipher-suites`): Go's IANA names. Strong = the CIS Kubernetes Benchmark list (AEAD with forward secrecy, and the
 * TLS 1.3 suites); insecure = NULL, anonymous, export, RC4, (3)DES, MD5; weak = the rest (CBC, RSA key exchange).
 */
import type { CipherStrength } from './facts/k8s';

export type Strength = 'strong' | CipherStrength;

const INSECURE = /(^|_)(RC4|3DES|DES|NULL|EXPORT|anon|MD5)(_|$)/i;
const STRONG = new Set([
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
]);

/** The strength of a suite by its IANA/Go name. */
export function cipherStrength(name: string): Strength {
  const n = name.trim();
  if (INSECURE.test(n)) return 'insecure';
  if (STRONG.has(n.toUpperCase())) return 'strong';
  return 'weak';
}

/** Splits a comma-separated flag value into suite names. */
export function suiteList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The suites of a list that are not strong, worst first. */
export function weakSuites(names: readonly string[]): { name: string; strength: Exclude<Strength, 'strong'> }[] {
  const out = names
    .map((name) => ({ name, strength: cipherStrength(name) }))
    .filter((x): x is { name: string; strength: 'weak' | 'insecure' } => x.strength !== 'strong');
  return out.sort((a, b) => (a.strength === b.strength ? 0 : a.strength === 'insecure' ? -1 : 1));
}
