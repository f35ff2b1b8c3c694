/**
 * The live TLS collector. Both functions never throw:
 *  - `probeTls(endpoint, opts)` gives `Fact<KTlsProbe>` for the API server endpoint (`k8s.apiserverTls`);
 *  - `probeTlsEndpoints(endpoints, opts)` gives `Fact<KTlsEndpoint[]>` for `clusters[].tlsEndpoints`
 *    (`k8s.tlsEndpoints`).
 */
export { WEAK_SUITES, type WeakSuite } from './ciphers';
export { probeTlsEndpoints } from './endpoints';
export { PROTOCOLS, parseEndpoint, probeTls, type TlsProbeOptions } from './probe';
export { tlsSecretFact } from './secrets';
export { certificateInfo, certificatesFromPem, signatureAlgorithmOid } from './x509';
