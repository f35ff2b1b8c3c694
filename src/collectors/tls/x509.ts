/**
 * Certificate metadata from DER or PEM, with node:crypto (no key material is read or kept). The signature
 * algorithm is not exposed by Node 20's X509Certificate, so it is read from the DER (a few bytes of ASN.1).
 */
import { X509Certificate } from 'node:crypto';
import type { CertificateInfo } from '../../core/facts/k8s';

const SIGNATURE_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsa-with-SHA1',
  '2.16.840.1.101.3.4.3.2': 'dsa-with-SHA256',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

const CURVE_BITS: Record<string, number> = {
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
  secp224r1: 224,
  prime192v1: 192,
};

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** Reads one DER TLV at `offset`; throws on truncated or indefinite-length input. */
function readTlv(buf: Buffer, offset: number): Tlv {
  if (offset + 2 > buf.length) throw new Error('truncated DER');
  const tag = buf[offset];
  let len = buf[offset + 1];
  let start = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > buf.length) throw new Error('unsupported DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[start + i];
    start += n;
  }
  if (start + len > buf.length) throw new Error('truncated DER');
  return { tag, start, end: start + len };
}

function decodeOid(bytes: Buffer): string {
  if (bytes.length === 0) throw new Error('empty OID');
  const parts: number[] = [Math.floor(bytes[0] / 40), bytes[0] % 40];
  let v = 0;
  for (let i = 1; i < bytes.length; i++) {
    v = v * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** The OID of the certificate's outer signatureAlgorithm (Certificate ::= SEQUENCE { tbs, sigAlg, sig }). */
export function signatureAlgorithmOid(der: Buffer): string {
  const cert = readTlv(der, 0);
  if (cert.tag !== 0x30) throw new Error('not a certificate');
  const tbs = readTlv(der, cert.start);
  const alg = readTlv(der, tbs.end);
  if (alg.tag !== 0x30) throw new Error('no signature algorithm');
  const oid = readTlv(der, alg.start);
  if (oid.tag !== 0x06) throw new Error('no signature algorithm OID');
  return decodeOid(der.subarray(oid.start, oid.end));
}

function dn(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .join(', ');
}

function iso(text: string): string {
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new Error(`unreadable certificate date ${JSON.stringify(text)}`);
  return d.toISOString();
}

function sans(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/,\s*/)
    .map((s) => s.replace(/^IP Address:/, 'IP:'))
    .filter((s) => s.length > 0);
}

/** Public metadata of one certificate (DER bytes or an X509Certificate). Throws on a certificate it cannot read. */
export function certificateInfo(input: Buffer | X509Certificate): CertificateInfo {
  const x = input instanceof X509Certificate ? input : new X509Certificate(input);
  const info: CertificateInfo = {
    subject: dn(x.subject),
    issuer: dn(x.issuer),
    notBefore: iso(x.validFrom),
    notAfter: iso(x.validTo),
    serialNumber: x.serialNumber,
    sans: sans(x.subjectAltName),
    isCA: x.ca,
    selfIssued: x.subject === x.issuer,
    fingerprintSha256: x.fingerprint256,
  };
  const key = x.publicKey;
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  if (type) {
    const names: Record<string, string> = {
      rsa: 'RSA',
      'rsa-pss': 'RSA-PSS',
      ec: 'EC',
      ed25519: 'Ed25519',
      ed448: 'Ed448',
      dsa: 'DSA',
    };
    info.keyType = names[type] ?? type;
  }
  if (details.modulusLength) info.keyBits = details.modulusLength;
  if (details.namedCurve) {
    info.curve = details.namedCurve;
    if (CURVE_BITS[details.namedCurve]) info.keyBits = CURVE_BITS[details.namedCurve];
  }
  if (type === 'ed25519') info.keyBits = 256;
  if (type === 'ed448') info.keyBits = 448;
  try {
    const oid = signatureAlgorithmOid(x.raw);
    info.signatureAlgorithm = SIGNATURE_OIDS[oid] ?? oid;
  } catch {
    // Leave it out: the rest of the metadata is still right.
  }
  return info;
}

/** Every certificate of a PEM bundle, leaf first as written. Throws when there is none or one is unreadable. */
export function certificatesFromPem(pem: string): CertificateInfo[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error('no PEM certificate found');
  return blocks.map((b) => certificateInfo(new X509Certificate(b)));
}
