/**
 * Test certificates made in the test with node-forge (keys from node:crypto, which is fast): a CA and leaves that
 * are good, expired, expiring soon, RSA 1024 or SHA-1 signed. Test-only material; nothing is written to disk.
 */
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface TestCert {
  cert: string;
  key: string;
}

const DAY = 86_400_000;

function rsaKey(bits: number): forge.pki.rsa.PrivateKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
}

let serial = 1;

function build(opts: {
  cn: string;
  key: forge.pki.rsa.PrivateKey;
  issuer?: { cn: string; key: forge.pki.rsa.PrivateKey };
  notBefore: Date;
  notAfter: Date;
  ca?: boolean;
  hash?: 'sha1' | 'sha256';
  sans?: { dns?: string[]; ips?: string[] };
}): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(opts.key.n, opts.key.e);
  cert.serialNumber = (serial++).toString(16).padStart(2, '0');
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  cert.setSubject([{ name: 'commonName', value: opts.cn }]);
  cert.setIssuer([{ name: 'commonName', value: opts.issuer?.cn ?? opts.cn }]);
  const ext: object[] = [{ name: 'basicConstraints', cA: opts.ca === true }];
  if (opts.ca) ext.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true });
  else
    ext.push(
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
    );
  if (opts.sans) {
    ext.push({
      name: 'subjectAltName',
      altNames: [
        ...(opts.sans.dns ?? []).map((value) => ({ type: 2, value })),
        ...(opts.sans.ips ?? []).map((ip) => ({ type: 7, ip })),
      ],
    });
  }
  cert.setExtensions(ext);
  cert.sign(opts.issuer?.key ?? opts.key, (opts.hash === 'sha1' ? forge.md.sha1 : forge.md.sha256).create());
  return forge.pki.certificateToPem(cert);
}

export interface TestPki {
  ca: string;
  /** A leaf signed by the CA, for localhost and 127.0.0.1. */
  leaf(opts?: { notBefore?: Date; notAfter?: Date; bits?: number; hash?: 'sha1' | 'sha256'; cn?: string }): TestCert;
}

/** A CA valid from yesterday for ten years, and a factory of leaves it signs. */
export function makePki(now = new Date()): TestPki {
  const caKey = rsaKey(2048);
  const ca = build({
    cn: 'compliance-bot test CA',
    key: caKey,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 3650 * DAY),
    ca: true,
  });
  return {
    ca,
    leaf(o = {}) {
      const key = rsaKey(o.bits ?? 2048);
      const cert = build({
        cn: o.cn ?? 'kube-apiserver',
        key,
        issuer: { cn: 'compliance-bot test CA', key: caKey },
        notBefore: o.notBefore ?? new Date(now.getTime() - DAY),
        notAfter: o.notAfter ?? new Date(now.getTime() + 365 * DAY),
        hash: o.hash,
        sans: { dns: ['localhost', 'kubernetes.default.svc'], ips: ['127.0.0.1'] },
      });
      return { cert: `${cert}${ca}`, key: forge.pki.privateKeyToPem(key) };
    },
  };
}

export const DAYS = DAY;
