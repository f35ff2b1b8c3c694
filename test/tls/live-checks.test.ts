/**
 * The live TLS probe feeding the k8s.tls checks: local TLS servers with certificates made in the test, probed for
 * real, and the probe's fact evaluated by the checks as a managed control plane (flags invisible), so every
 * verdict below comes from the probe alone.
 */
import * as tls from 'node:tls';
import { tlsChecks } from '../../checks/k8s/tls';
import { probeTls } from '../../src/collectors/tls';
import { evaluateTarget } from '../../src/core/engine';
import type { Result } from '../../src/core/model';
import { DAYS, makePki, type TestCert } from './certs';
import { type ClientHelloInfo, NO_TLS13_HELLO, OLD_PROTOCOL_HELLO, startHelloGate } from './hello-gate';

const now = new Date();
const pki = makePki(now);
const STRONG = 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384';

async function scan(
  cert: TestCert,
  serverOpts: tls.TlsOptions = {},
  /** Put a front before the server that resets the hellos matching this (see hello-gate.ts). */
  resetHellos?: (h: ClientHelloInfo) => boolean,
): Promise<Result[]> {
  const server = tls.createServer(
    { ...cert, minVersion: 'TLSv1.2', ciphers: `${STRONG}:@SECLEVEL=0`, ...serverOpts },
    (s) => {
      s.on('error', () => {});
      s.end();
    },
  );
  server.on('tlsClientError', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as { port: number };
    const gate = resetHellos ? await startHelloGate(port, 'reset', resetHellos) : undefined;
    const probe = await probeTls(gate?.endpoint ?? `127.0.0.1:${port}`, { ca: pki.ca }).finally(() => gate?.close());
    return evaluateTarget(
      tlsChecks,
      {
        target: { name: 'eks-prod', kind: 'cluster' },
        facts: {
          'k8s.controlPlane': { ok: true, value: { managed: 'eks', managedEvidence: 'test', components: {} } },
          'k8s.apiserverTls': probe,
        },
      },
      { now },
    );
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
}

/** The results of a check about the API server as a whole (probe-based checks have one). */
const pick = (rs: Result[], id: string) => rs.filter((r) => r.checkId === id && r.resource.name === 'kube-apiserver');

describe('Live TLS probe -> k8s.tls checks', () => {
  it('passes a sound server and leaves the flag checks unknown on a managed control plane', async () => {
    const rs = await scan(pki.leaf());
    expect(pick(rs, 'k8s.tls.apiserver-cert-expiry')[0].status).toBe('pass');
    expect(pick(rs, 'k8s.tls.apiserver-cert-strength')[0].status).toBe('pass');
    expect(pick(rs, 'k8s.tls.apiserver-min-version')[0].status).toBe('pass');
    expect(pick(rs, 'k8s.tls.cipher-suites')[0].status).toBe('pass');
    const flagChecks = rs.filter((r) =>
      ['k8s.tls.apiserver-serving-cert', 'k8s.tls.etcd-client', 'k8s.tls.controller-manager'].includes(r.checkId),
    );
    expect(flagChecks.map((r) => r.status)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(flagChecks.every((r) => r.message.includes('managed control plane: not visible to the scanner'))).toBe(true);
  });

  it('fails critical on an expired certificate', async () => {
    const rs = await scan(
      pki.leaf({ notBefore: new Date(now.getTime() - 90 * DAYS), notAfter: new Date(now.getTime() - DAYS) }),
    );
    expect(pick(rs, 'k8s.tls.apiserver-cert-expiry')[0]).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(pick(rs, 'k8s.tls.apiserver-cert-expiry')[0].message).toContain('expired on');
  });

  it('fails critical on a certificate expiring in 5 days', async () => {
    const rs = await scan(pki.leaf({ notAfter: new Date(now.getTime() + 5 * DAYS + 3_600_000) }));
    const r = pick(rs, 'k8s.tls.apiserver-cert-expiry')[0];
    expect(r).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(r.message).toContain('in 5 day(s)');
  });

  it('fails high on a certificate expiring in 20 days', async () => {
    const rs = await scan(pki.leaf({ notAfter: new Date(now.getTime() + 20 * DAYS + 3_600_000) }));
    expect(pick(rs, 'k8s.tls.apiserver-cert-expiry')[0]).toMatchObject({ status: 'fail', severity: 'high' });
  });

  it('fails the strength check on an RSA 1024 key', async () => {
    const rs = await scan(pki.leaf({ bits: 1024 }));
    const r = pick(rs, 'k8s.tls.apiserver-cert-strength')[0];
    expect(r.status).toBe('fail');
    expect(r.message).toContain('RSA 1024-bit key');
  });

  it('fails the strength check on a SHA-1 signature', async () => {
    const rs = await scan(pki.leaf({ hash: 'sha1' }));
    const r = pick(rs, 'k8s.tls.apiserver-cert-strength')[0];
    expect(r.status).toBe('fail');
    expect(r.message).toContain('sha1WithRSAEncryption signature');
  });

  it('is unknown, not pass, on the minimum version when TLS 1.0/1.1 hellos are reset instead of refused', async () => {
    const rs = await scan(pki.leaf(), {}, OLD_PROTOCOL_HELLO);
    const min = pick(rs, 'k8s.tls.apiserver-min-version')[0];
    expect(min.status).toBe('unknown');
    expect(min.message).toMatch(/could not test TLSv1 \(error: .*ECONNRESET/);
    // The weak suites were offered in TLS 1.2 hellos, which reached the server and were refused by alert.
    expect(pick(rs, 'k8s.tls.cipher-suites')[0].status).toBe('pass');
  });

  it('is unknown, not pass, on the cipher suites when every hello without TLS 1.3 is reset', async () => {
    const rs = await scan(pki.leaf(), {}, NO_TLS13_HELLO);
    expect(pick(rs, 'k8s.tls.cipher-suites')[0].status).toBe('unknown');
    expect(pick(rs, 'k8s.tls.apiserver-min-version')[0].status).toBe('unknown');
    expect(pick(rs, 'k8s.tls.apiserver-cert-expiry')[0].status).toBe('pass');
  });

  it('fails the minimum version and cipher checks on a server that accepts TLS 1.0 and CBC suites', async () => {
    const rs = await scan(pki.leaf(), { minVersion: 'TLSv1', ciphers: 'ALL:@SECLEVEL=0' });
    const min = pick(rs, 'k8s.tls.apiserver-min-version')[0];
    expect(min.status).toBe('fail');
    expect(min.message).toMatch(/accepts TLSv1 and TLSv1\.1 \(live probe\)/);
    const ciphers = pick(rs, 'k8s.tls.cipher-suites')[0];
    expect(ciphers.status).toBe('fail');
    expect(ciphers.message).toContain('TLS_RSA_WITH_AES_128_CBC_SHA');
  });
});
