/**
 * The live TLS collector. `probeTls(endpoint, opts)` never throws: it gives `Fact<KTlsProbe>` for the API server
 * endpoint (`k8s.apiserverTls`) and for each `clusters[].tlsEndpoints` entry.
 */
export { WEAK_SUITES, type WeakSuite } from './ciphers';
export { PROTOCOLS, parseEndpoint, probeTls, type TlsProbeOptions } from './probe';
export { certificateInfo, certificatesFromPem, signatureAlgorithmOid } from './x509';
