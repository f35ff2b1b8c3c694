import { createServer as createTcpServer, type Server } from 'node:net';
import * as tls from 'node:tls';
import {
  certificatesFromPem,
  parseEndpoint,
  probeTls,
  probeTlsEndpoints,
  signatureAlgorithmOid,
  tlsSecretFact,
} from '../../src/collectors/tls';
import type { KTlsProbe } from '../../src/core/facts/k8s';
import type { Fact } from '../../src/core/model';
import { DAYS, makePki, type TestCert } from './certs';
import { type GateAction, NO_TLS13_HELLO, OLD_PROTOCOL_HELLO, startHelloGate } from './hello-gate';

const STRONG = 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305';
const now = new Date();
const pki = makePki(now);

interface Running {
  endpoint: string;
  /** Application bytes the server received after handshakes (the probe must send none). */
  received: () => number;
  close: () => Promise<void>;
}

async function serve(cert: TestCert, opts: tls.TlsOptions = {}): Promise<Running> {
  let bytes = 0;
  const server = tls.createServer({ ...cert, minVersion: 'TLSv1.2', ciphers: STRONG, ...opts }, (socket) => {
    socket.on('data', (d) => {
      bytes += d.length;
    });
    socket.on('error', () => {});
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `127.0.0.1:${port}`,
    received: () => bytes,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function value(f: Fact<KTlsProbe>): KTlsProbe {
  if (!f.ok) throw new Error(`probe failed: ${f.reason}`);
  return f.value;
}

const outcome = (p: KTlsProbe, v: string) => p.protocols.find((x) => x.protocol === v)?.outcome;
const daysLeft = (p: KTlsProbe) => (new Date(p.chain[0].notAfter).getTime() - now.getTime()) / DAYS;

/** Whether this Node/OpenSSL can still offer TLS 1.0 at security level 0 (it can on Node 20 / OpenSSL 3.0). */
function canOfferTls10(): boolean {
  try {
    tls.createSecureContext({ minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'ALL:@SECLEVEL=0' });
    return true;
  } catch {
    return false;
  }
}

describe('Function: probeTls', () => {
  describe('against a well-configured server (TLS 1.2+, AEAD suites, RSA 2048, SHA-256)', () => {
    let srv: Running;
    let probe: KTlsProbe;
    beforeAll(async () => {
      srv = await serve(pki.leaf());
      probe = value(await probeTls(srv.endpoint, { ca: pki.ca, servername: 'localhost' }));
    });
    afterAll(() => srv.close());

    it('reads the served chain, leaf first, with key, signature and SANs', () => {
      expect(probe.chain).toHaveLength(2);
      expect(probe.chain[0]).toMatchObject({
        subject: 'CN=kube-apiserver',
        issuer: 'CN=compliance-bot test CA',
        keyType: 'RSA',
        keyBits: 2048,
        signatureAlgorithm: 'sha256WithRSAEncryption',
        isCA: false,
        selfIssued: false,
      });
      expect(probe.chain[0].sans).toEqual(['DNS:localhost', 'DNS:kubernetes.default.svc', 'IP:127.0.0.1']);
      expect(probe.chain[1]).toMatchObject({ subject: 'CN=compliance-bot test CA', isCA: true, selfIssued: true });
      expect(daysLeft(probe)).toBeGreaterThan(364);
    });

    it('finds TLS 1.2 and 1.3 accepted and TLS 1.0 and 1.1 refused', () => {
      expect(outcome(probe, 'TLSv1.2')).toBe('accepted');
      expect(outcome(probe, 'TLSv1.3')).toBe('accepted');
      expect(outcome(probe, 'TLSv1.1')).toBe(canOfferTls10() ? 'refused' : 'untested');
      expect(outcome(probe, 'TLSv1')).toBe(canOfferTls10() ? 'refused' : 'untested');
      expect(probe.negotiated?.protocol).toBe('TLSv1.3');
    });

    it('finds no weak suite accepted', () => {
      expect(probe.ciphers.length).toBeGreaterThan(10);
      expect(probe.ciphers.filter((c) => c.outcome === 'accepted')).toEqual([]);
      expect(probe.ciphers.find((c) => c.openssl === 'AES128-SHA')?.outcome).toBe('refused');
    });

    it('verifies the chain against the given CA for the given name', () => {
      expect(probe.verification).toEqual({ ok: true, against: 'given CA' });
    });

    it('sends no application data to the server', () => {
      expect(srv.received()).toBe(0);
    });

    it('reports a verification failure for a name the certificate does not carry', async () => {
      const p = value(await probeTls(srv.endpoint, { ca: pki.ca, servername: 'api.example.test', weakCiphers: false }));
      expect(p.verification?.ok).toBe(false);
      expect(p.verification?.error).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID|does not match/);
    });

    it('reports a verification failure against the system roots (a private CA)', async () => {
      const p = value(await probeTls(srv.endpoint, { weakCiphers: false }));
      expect(p.verification).toMatchObject({ ok: false, against: 'system roots' });
    });
  });

  it('reads an expired certificate (inspection does not verify) and reports it does not verify', async () => {
    const srv = await serve(
      pki.leaf({ notBefore: new Date(now.getTime() - 400 * DAYS), notAfter: new Date(now.getTime() - 2 * DAYS) }),
    );
    try {
      const p = value(await probeTls(srv.endpoint, { ca: pki.ca, weakCiphers: false }));
      expect(daysLeft(p)).toBeLessThan(-1.9);
      expect(p.verification?.ok).toBe(false);
      expect(p.verification?.error).toMatch(/CERT_HAS_EXPIRED|expired/);
    } finally {
      await srv.close();
    }
  });

  it('reads a certificate expiring in 5 days', async () => {
    const srv = await serve(pki.leaf({ notAfter: new Date(now.getTime() + 5 * DAYS) }));
    try {
      const p = value(await probeTls(srv.endpoint, { ca: pki.ca, weakCiphers: false }));
      expect(daysLeft(p)).toBeGreaterThan(4.9);
      expect(daysLeft(p)).toBeLessThan(5.1);
      expect(p.verification).toEqual({ ok: true, against: 'given CA' });
    } finally {
      await srv.close();
    }
  });

  it('reads an RSA 1024 key', async () => {
    const srv = await serve(pki.leaf({ bits: 1024 }), { ciphers: `${STRONG}:@SECLEVEL=0` });
    try {
      const p = value(await probeTls(srv.endpoint, { weakCiphers: false }));
      expect(p.chain[0]).toMatchObject({ keyType: 'RSA', keyBits: 1024 });
    } finally {
      await srv.close();
    }
  });

  it('reads a SHA-1 signature', async () => {
    const srv = await serve(pki.leaf({ hash: 'sha1' }), { ciphers: `${STRONG}:@SECLEVEL=0` });
    try {
      const p = value(await probeTls(srv.endpoint, { weakCiphers: false }));
      expect(p.chain[0].signatureAlgorithm).toBe('sha1WithRSAEncryption');
    } finally {
      await srv.close();
    }
  });

  it('finds TLS 1.0 and 1.1 and weak CBC / RSA-key-exchange suites accepted by a permissive server', async () => {
    // Node 20's OpenSSL 3.0 can still offer TLS 1.0 at security level 0 (measured: canOfferTls10() is true here).
    expect(canOfferTls10()).toBe(true);
    const srv = await serve(pki.leaf(), { minVersion: 'TLSv1', ciphers: 'ALL:@SECLEVEL=0' });
    try {
      const p = value(await probeTls(srv.endpoint, { ca: pki.ca }));
      expect(outcome(p, 'TLSv1')).toBe('accepted');
      expect(outcome(p, 'TLSv1.1')).toBe('accepted');
      const accepted = p.ciphers.filter((c) => c.outcome === 'accepted').map((c) => c.name);
      expect(accepted).toEqual(
        expect.arrayContaining([
          'TLS_RSA_WITH_AES_128_CBC_SHA',
          'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
          'TLS_RSA_WITH_AES_128_GCM_SHA256',
        ]),
      );
      // ECDSA suites cannot be negotiated with an RSA certificate: refused, not accepted.
      expect(p.ciphers.find((c) => c.name === 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA')?.outcome).toBe('refused');
      // RC4 and 3DES are compiled out of this OpenSSL: the probe says it could not test them.
      for (const name of ['TLS_RSA_WITH_RC4_128_SHA', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA']) {
        expect(['untested', 'refused']).toContain(p.ciphers.find((c) => c.name === name)?.outcome);
      }
    } finally {
      await srv.close();
    }
  });

  describe('a handshake that fails for a reason other than a TLS refusal proves nothing', () => {
    // A strong server (TLS 1.2+, which refuses TLS 1.0/1.1 with a protocol_version alert) behind a front that
    // answers the TLS 1.0 and 1.1 hellos itself: a reset, a close without alert, or silence.
    it.each<[GateAction, RegExp]>([
      ['reset', /ECONNRESET|reset/],
      ['close', /ECONNRESET|closed|disconnected|EOF/i],
      ['hang', /no answer within 1500 ms/],
    ])('TLS 1.0 and 1.1 answered by a %s are "error" (unknown), not "refused"', async (action, detail) => {
      const srv = await serve(pki.leaf());
      const gate = await startHelloGate(Number(srv.endpoint.split(':')[1]), action, OLD_PROTOCOL_HELLO);
      try {
        const p = value(await probeTls(gate.endpoint, { ca: pki.ca, weakCiphers: false, timeoutMs: 1500 }));
        expect(gate.gated).toBe(2);
        for (const v of ['TLSv1', 'TLSv1.1'] as const) {
          const r = p.protocols.find((x) => x.protocol === v);
          expect(r?.outcome).toBe('error');
          expect(r?.detail).toMatch(detail);
        }
        expect(outcome(p, 'TLSv1.2')).toBe('accepted');
        expect(outcome(p, 'TLSv1.3')).toBe('accepted');
        expect(p.verification).toEqual({ ok: true, against: 'given CA' });
      } finally {
        await gate.close();
        await srv.close();
      }
    });

    it('weak suites answered by a reset are "error", while the same server refuses them by alert directly', async () => {
      const srv = await serve(pki.leaf());
      const gate = await startHelloGate(Number(srv.endpoint.split(':')[1]), 'reset', NO_TLS13_HELLO);
      try {
        const gated = value(await probeTls(gate.endpoint, { ca: pki.ca }));
        const direct = value(await probeTls(srv.endpoint, { ca: pki.ca }));
        const cbc = (p: KTlsProbe) => p.ciphers.find((c) => c.openssl === 'AES128-SHA');
        expect(cbc(direct)?.outcome).toBe('refused');
        expect(cbc(direct)?.detail).toMatch(/HANDSHAKE_FAILURE|handshake failure/i);
        expect(cbc(gated)?.outcome).toBe('error');
        expect(gated.ciphers.filter((c) => c.outcome === 'refused')).toEqual([]);
        expect(outcome(gated, 'TLSv1.2')).toBe('error');
        expect(outcome(gated, 'TLSv1.3')).toBe('accepted');
      } finally {
        await gate.close();
        await srv.close();
      }
    });

    it('reads a protocol_version alert as the refusal it is', async () => {
      const srv = await serve(pki.leaf());
      try {
        const p = value(await probeTls(srv.endpoint, { weakCiphers: false }));
        expect(p.protocols.find((x) => x.protocol === 'TLSv1')?.detail).toMatch(/PROTOCOL_VERSION|protocol version/i);
      } finally {
        await srv.close();
      }
    });
  });

  it('gives a reason, not a throw, when nothing listens', async () => {
    const tcp: Server = createTcpServer();
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    const { port } = tcp.address() as { port: number };
    await new Promise<void>((r) => tcp.close(() => r()));
    const f = await probeTls(`127.0.0.1:${port}`, { timeoutMs: 2000 });
    expect(f).toEqual({
      ok: false,
      reason: expect.stringMatching(/could not connect to 127\.0\.0\.1:\d+: .*ECONNREFUSED/),
    });
  });

  it('gives a reason when the endpoint does not speak TLS', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const tcp = createTcpServer((s) => {
      sockets.add(s);
      s.on('error', () => {});
      s.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    const { port } = tcp.address() as { port: number };
    try {
      const f = await probeTls(`127.0.0.1:${port}`, { timeoutMs: 2000 });
      expect(f.ok).toBe(false);
      if (!f.ok) expect(f.reason).toMatch(/no TLS handshake|could not connect/);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => tcp.close(() => r()));
    }
  });

  it('marks the remaining handshakes as aborted when the scan runs out of time', async () => {
    const srv = await serve(pki.leaf());
    try {
      const ctl = new AbortController();
      ctl.abort();
      const p = value(await probeTls(srv.endpoint, { signal: ctl.signal }));
      expect(p.protocols.every((x) => x.outcome === 'error' && /aborted/.test(x.detail ?? ''))).toBe(true);
      expect(p.chain).toHaveLength(2);
    } finally {
      await srv.close();
    }
  });

  it('refuses an endpoint that is not host:port without connecting anywhere', async () => {
    expect(await probeTls('127.0.0.1:443; rm -rf /')).toEqual({
      ok: false,
      reason: expect.stringContaining('not a host:port endpoint'),
    });
  });
});

describe('Function: parseEndpoint', () => {
  it.each<[string, { host: string; port: number } | null]>([
    ['10.0.0.1:6443', { host: '10.0.0.1', port: 6443 }],
    ['api.example.com:443', { host: 'api.example.com', port: 443 }],
    ['https://ABC.gr7.eu-west-1.eks.amazonaws.com', { host: 'ABC.gr7.eu-west-1.eks.amazonaws.com', port: 443 }],
    ['https://127.0.0.1:6443/', { host: '127.0.0.1', port: 6443 }],
    ['[::1]:6443', { host: '::1', port: 6443 }],
    ['api.example.com', null],
    ['http://api.example.com:80', null],
    ['user@host:443', null],
    ['host:70000', null],
    ['-bad-:443', null],
    ['a b:443', null],
  ])('%s', (input, expected) => {
    expect(parseEndpoint(input)).toEqual(expected);
  });
});

describe('Module: x509', () => {
  it('reads every certificate of a PEM bundle', () => {
    const { cert } = pki.leaf({ cn: 'etcd' });
    const certs = certificatesFromPem(cert);
    expect(certs.map((c) => c.subject)).toEqual(['CN=etcd', 'CN=compliance-bot test CA']);
    expect(certs[0].fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('throws on text without a certificate and on truncated DER', () => {
    expect(() => certificatesFromPem('not a certificate')).toThrow('no PEM certificate found');
    expect(() => signatureAlgorithmOid(Buffer.from([0x30, 0x82, 0x01]))).toThrow(/DER/);
  });
});

describe('Function: probeTlsEndpoints', () => {
  it('probes every configured endpoint and records the one that cannot be reached with its reason', async () => {
    const srv = await serve(pki.leaf());
    const tcp = createTcpServer();
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    const { port: closed } = tcp.address() as { port: number };
    await new Promise<void>((r) => tcp.close(() => r()));
    try {
      const f = await probeTlsEndpoints([srv.endpoint, `127.0.0.1:${closed}`, 'not an endpoint'], {
        weakCiphers: false,
        timeoutMs: 2000,
      });
      if (!f.ok) throw new Error(f.reason);
      expect(f.value.map((e) => [e.endpoint, e.probe !== null])).toEqual([
        [srv.endpoint, true],
        [`127.0.0.1:${closed}`, false],
        ['not an endpoint', false],
      ]);
      expect(f.value[1].error).toMatch(/ECONNREFUSED/);
      expect(f.value[2].error).toMatch(/not a host:port endpoint/);
      expect(f.value[0].probe?.chain[0].subject).toBe('CN=kube-apiserver');
    } finally {
      await srv.close();
    }
  });

  it('gives an empty list when no endpoint is configured', async () => {
    expect(await probeTlsEndpoints([])).toEqual({ ok: true, value: [] });
  });
});

describe('Function: tlsSecretFact', () => {
  it('keeps the leaf certificate metadata of tls.crt and nothing of tls.key', () => {
    const { cert, key } = pki.leaf({ cn: 'shop.example.com', notAfter: new Date(now.getTime() + 12 * DAYS) });
    const fact = tlsSecretFact({
      namespace: 'shop',
      name: 'web-tls',
      data: { 'tls.crt': Buffer.from(cert).toString('base64'), 'tls.key': Buffer.from(key).toString('base64') },
    });
    expect(fact.certificate).toMatchObject({ subject: 'CN=shop.example.com', keyType: 'RSA', keyBits: 2048 });
    expect(JSON.stringify(fact)).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(fact)).not.toContain(Buffer.from(key).toString('base64').slice(0, 40));
  });

  it('records why a certificate could not be read', () => {
    expect(tlsSecretFact({ namespace: 'a', name: 'b' })).toEqual({
      namespace: 'a',
      name: 'b',
      certificate: null,
      error: 'the Secret has no tls.crt',
    });
    const bad = tlsSecretFact({
      namespace: 'a',
      name: 'c',
      data: { 'tls.crt': Buffer.from('garbage').toString('base64') },
    });
    expect(bad.certificate).toBeNull();
    expect(bad.error).toContain('no PEM certificate found');
  });
});
