/**
 * The live TLS probe: what an endpoint serves (certificate chain) and accepts (protocol versions, weak suites).
 *
 * Inspection handshakes use `rejectUnauthorized: false` only to READ what is served, whatever it is (an expired or
 * self-signed certificate is exactly what we want to see); they send no application data and are closed as soon as
 * the handshake ends. They never replace the verified connection of the Kubernetes API client, which keeps
 * verifying the server. The one verifying handshake here reports whether the chain verifies for the endpoint's name.
 *
 * OpenSSL 3 refuses TLS 1.0/1.1 and many suites at its default security level, so the probe handshakes (and only
 * they) lower it with `@SECLEVEL=0`: otherwise a server accepting TLS 1.0 would look like one refusing it.
 *
 * Only the server's own answer is a refusal: a TLS alert that declines what was offered (protocol_version,
 * handshake_failure, insufficient_security). A reset, a close without an alert, a timeout or another alert proves
 * nothing about what the server accepts (a middlebox, a crash, the network): those handshakes are `error`, and the
 * checks read them as unknown. See docs/netpol-tls.md.
 */
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import { mapLimit } from '../../async/pool';
import type {
  CertificateInfo,
  HandshakeOutcome,
  KTlsProbe,
  TlsCipherResult,
  TlsProtocol,
  TlsProtocolResult,
} from '../../core/facts/k8s';
import type { Fact } from '../../core/model';
import { WEAK_SUITES, type WeakSuite } from './ciphers';
import { certificateInfo } from './x509';

export interface TlsProbeOptions {
  /** Per handshake; default 5000 ms. */
  timeoutMs?: number;
  /** PEM CA bundle the chain should verify against (the cluster CA); default: the system roots. */
  ca?: string | Buffer;
  /** Name to send as SNI and to verify; default: the endpoint's host (no SNI for an IP address). */
  servername?: string;
  /** Offer every weak suite one by one (default true). */
  weakCiphers?: boolean;
  /** Handshakes in flight at once; default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  /** The clock, for the probe time (tests). */
  now?: () => Date;
}

export const PROTOCOLS: readonly TlsProtocol[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

const HOST_RE = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

/** Parses `host:port`, `[v6]:port` or an `https://` URL; null when it is not a plain network endpoint. */
export function parseEndpoint(endpoint: string): { host: string; port: number } | null {
  let text = endpoint.trim();
  let defaultPort: number | undefined;
  const url = /^https:\/\/([^/?#]+)(?:[/?#].*)?$/i.exec(text);
  if (url) {
    text = url[1];
    defaultPort = 443;
  }
  if (text.includes('@')) return null;
  let host: string;
  let portText: string | undefined;
  const v6 = /^\[([0-9A-Fa-f:.]+)\](?::(\d{1,5}))?$/.exec(text);
  if (v6) {
    host = v6[1];
    portText = v6[2];
    if (isIP(host) !== 6) return null;
  } else {
    const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(text);
    if (!m) return null;
    host = m[1];
    portText = m[2];
    if (!isIP(host) && !HOST_RE.test(host)) return null;
  }
  const port = portText !== undefined ? Number(portText) : defaultPort;
  if (port === undefined || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { host, port };
}

interface Handshake {
  outcome: HandshakeOutcome;
  protocol?: string;
  cipher?: string;
  chain?: CertificateInfo[];
  detail?: string;
  /**
   * Why a handshake did not complete: `network` (no connection, reset, closed without alert, no answer in time),
   * `alert` (the server sent an alert), `local` (this side rejected the server's answer: an unverifiable
   * certificate, a key below the security level, an unexpected version).
   */
  cause?: 'network' | 'alert' | 'local';
}

/** The alerts by which a server declines what the client offered: the only evidence of a refusal. */
const REFUSAL_ALERTS = new Set([
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_TLSV1_ALERT_INSUFFICIENT_SECURITY',
]);

/** Transport failures once connected: they say nothing about what the server would accept. */
const TRANSPORT_ERRORS = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ERR_SSL_UNEXPECTED_EOF_WHILE_READING',
]);

/** What a failed handshake proves, from the error the TLS library raised once the TCP connection was up. */
function failedHandshake(err: NodeJS.ErrnoException): Handshake {
  const code = err.code ?? '';
  if (REFUSAL_ALERTS.has(code)) return { outcome: 'refused', cause: 'alert', detail: errText(err) };
  if (TRANSPORT_ERRORS.has(code)) {
    return { outcome: 'error', cause: 'network', detail: `${errText(err)} (not a TLS refusal: proves nothing)` };
  }
  if (/^ERR_SSL_.*_ALERT_/.test(code)) {
    return { outcome: 'error', cause: 'alert', detail: `${errText(err)} (an alert that is not a refusal)` };
  }
  return { outcome: 'error', cause: 'local', detail: errText(err) };
}

/** Errors raised by our own TLS library before anything is sent: the variant cannot be offered from here. */
const LOCAL_UNSUPPORTED = new Set([
  'ERR_SSL_NO_CIPHER_MATCH',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_NO_CIPHERS_AVAILABLE',
  'ERR_TLS_INVALID_PROTOCOL_VERSION',
]);

function errText(err: unknown): string {
  const e = err as { code?: string; message?: string };
  return [e.code, e.message].filter(Boolean).join(': ') || String(err);
}

function chainOf(socket: tls.TLSSocket): CertificateInfo[] {
  const out: CertificateInfo[] = [];
  const seen = new Set<string>();
  let c: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (c?.raw && !seen.has(c.fingerprint256) && out.length < 10) {
    seen.add(c.fingerprint256);
    try {
      out.push(certificateInfo(c.raw));
    } catch (err) {
      out.push({
        subject: c.subject ? String(c.subject.CN ?? '') : '',
        issuer: '',
        notBefore: '',
        notAfter: '',
        signatureAlgorithm: `unreadable: ${errText(err)}`,
      });
    }
    c = c.issuerCertificate;
  }
  return out;
}

/** One handshake with the given client settings; resolves (never rejects) with what happened. */
function handshake(
  host: string,
  port: number,
  opts: {
    servername?: string;
    minVersion: tls.SecureVersion;
    maxVersion: tls.SecureVersion;
    ciphers: string;
    verify?: { ca?: string | Buffer };
    readChain?: boolean;
  },
  timeoutMs: number,
): Promise<Handshake> {
  let secureContext: tls.SecureContext;
  try {
    secureContext = tls.createSecureContext({
      minVersion: opts.minVersion,
      maxVersion: opts.maxVersion,
      ciphers: opts.ciphers,
      ...(opts.verify?.ca ? { ca: opts.verify.ca } : {}),
    });
  } catch (err) {
    return Promise.resolve({
      outcome: 'untested',
      detail: `this scanner's TLS library cannot offer it (${errText(err)})`,
    });
  }
  return new Promise((resolve) => {
    let tcpUp = false;
    let done = false;
    const finish = (h: Handshake) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(h);
    };
    const socket = tls.connect({
      host,
      port,
      secureContext,
      ...(opts.servername ? { servername: opts.servername } : {}),
      // Inspection reads whatever is served; the verifying handshake (opts.verify) checks it.
      rejectUnauthorized: opts.verify !== undefined,
    });
    const timer = setTimeout(
      () => finish({ outcome: 'error', cause: 'network', detail: `no answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
    socket.once('connect', () => {
      tcpUp = true;
    });
    socket.once('secureConnect', () => {
      const cipher = socket.getCipher();
      finish({
        outcome: 'accepted',
        protocol: socket.getProtocol() ?? undefined,
        cipher: cipher?.standardName ?? cipher?.name,
        ...(opts.readChain ? { chain: chainOf(socket) } : {}),
      });
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code && LOCAL_UNSUPPORTED.has(err.code)) {
        finish({ outcome: 'untested', detail: `this scanner's TLS library cannot offer it (${errText(err)})` });
      } else if (!tcpUp) {
        finish({ outcome: 'error', cause: 'network', detail: errText(err) });
      } else {
        finish(failedHandshake(err));
      }
    });
    socket.once('close', () =>
      finish({
        outcome: 'error',
        cause: 'network',
        detail: 'the connection closed during the handshake without a TLS alert (not a TLS refusal: proves nothing)',
      }),
    );
  });
}

/**
 * Probes one TLS endpoint (`host:port`, `[v6]:port` or `https://host[:port]`). Never throws: an endpoint that cannot
 * be reached or that completes no handshake gives `{ ok: false, reason }`.
 */
export async function probeTls(endpoint: string, opts: TlsProbeOptions = {}): Promise<Fact<KTlsProbe>> {
  try {
    return await probe(endpoint, opts);
  } catch (err) {
    return { ok: false, reason: `TLS probe of ${endpoint} failed: ${errText(err)}` };
  }
}

async function probe(endpoint: string, opts: TlsProbeOptions): Promise<Fact<KTlsProbe>> {
  const target = parseEndpoint(endpoint);
  if (!target) return { ok: false, reason: `not a host:port endpoint: ${JSON.stringify(endpoint.slice(0, 200))}` };
  const { host, port } = target;
  const servername = opts.servername ?? (isIP(host) ? undefined : host);
  const timeoutMs = opts.timeoutMs ?? 5000;
  const probedAt = (opts.now?.() ?? new Date()).toISOString();
  const aborted = (): Handshake => ({
    outcome: 'error',
    cause: 'network',
    detail: 'aborted: the scan ran out of time',
  });

  // 1. What a default client negotiates, and the chain; retried at security level 0 so that a weak certificate
  //    (RSA 1024, SHA-1) is still read rather than hidden behind a local refusal.
  let first = await handshake(
    host,
    port,
    { servername, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', ciphers: tls.DEFAULT_CIPHERS, readChain: true },
    timeoutMs,
  );
  if (first.outcome !== 'accepted' && first.cause !== 'network') {
    first = await handshake(
      host,
      port,
      { servername, minVersion: 'TLSv1', maxVersion: 'TLSv1.3', ciphers: 'ALL:@SECLEVEL=0', readChain: true },
      timeoutMs,
    );
  }
  if (first.outcome !== 'accepted' && first.cause === 'network')
    return { ok: false, reason: `could not connect to ${host}:${port}: ${first.detail}` };
  if (first.outcome !== 'accepted')
    return { ok: false, reason: `no TLS handshake with ${host}:${port} succeeded: ${first.detail}` };

  // 2. Does the chain verify for this name? (Reported, never enforced: the API client does its own verification.)
  const verifying = await handshake(
    host,
    port,
    { servername, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', ciphers: tls.DEFAULT_CIPHERS, verify: { ca: opts.ca } },
    timeoutMs,
  );
  // Only this side's rejection of what was served is a verification failure; a handshake the server or the network
  // cut short verified nothing either way.
  const verification: KTlsProbe['verification'] =
    verifying.outcome === 'accepted'
      ? { ok: true, against: opts.ca ? 'given CA' : 'system roots' }
      : verifying.cause === 'local'
        ? { ok: false, against: opts.ca ? 'given CA' : 'system roots', error: verifying.detail }
        : null;

  // 3. One pinned handshake per protocol version; 4. one handshake per weak suite.
  const concurrency = opts.concurrency ?? 4;
  const protocols: TlsProtocolResult[] = await mapLimit(PROTOCOLS, concurrency, async (protocol) => {
    const h = opts.signal?.aborted
      ? aborted()
      : await handshake(
          host,
          port,
          { servername, minVersion: protocol, maxVersion: protocol, ciphers: 'ALL:@SECLEVEL=0' },
          timeoutMs,
        );
    return {
      protocol,
      outcome: h.outcome,
      ...(h.cipher ? { cipher: h.cipher } : {}),
      ...(h.outcome !== 'accepted' && h.detail ? { detail: h.detail } : {}),
    };
  });
  const suites: readonly WeakSuite[] = opts.weakCiphers === false ? [] : WEAK_SUITES;
  const ciphers: TlsCipherResult[] = await mapLimit(suites, concurrency, async (s) => {
    const h = opts.signal?.aborted
      ? aborted()
      : await handshake(
          host,
          port,
          { servername, minVersion: 'TLSv1', maxVersion: 'TLSv1.2', ciphers: `${s.openssl}:@SECLEVEL=0` },
          timeoutMs,
        );
    return {
      name: s.name,
      openssl: s.openssl,
      strength: s.strength,
      outcome: h.outcome,
      ...(h.protocol ? { protocol: h.protocol } : {}),
      ...(h.outcome !== 'accepted' && h.detail ? { detail: h.detail } : {}),
    };
  });

  return {
    ok: true,
    value: {
      endpoint: `${host.includes(':') ? `[${host}]` : host}:${port}`,
      probedAt,
      chain: first.chain ?? [],
      negotiated: first.protocol && first.cipher ? { protocol: first.protocol, cipher: first.cipher } : null,
      verification,
      protocols,
      ciphers,
    },
  };
}
