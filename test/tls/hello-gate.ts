/**
 * A TCP front for a local TLS server that reads each ClientHello and, when it matches, answers it with something
 * that is not a TLS refusal: a connection reset (RST), a close without an alert (FIN), or silence. Other hellos are
 * passed through to the real server untouched. For tests only: these are the answers of a middlebox, a crashing
 * server or a lossy network, which prove nothing about what the server would accept.
 */
import { connect, createServer, type Socket } from 'node:net';

export interface ClientHelloInfo {
  /** `legacy_version` of the ClientHello: 0x0301 for a TLS 1.0-only hello, 0x0303 for TLS 1.2 and 1.3 hellos. */
  legacyVersion: number;
  /** Whether the hello offers TLS 1.3 (supported_versions lists 0x0304). */
  offersTls13: boolean;
}

export type GateAction = 'reset' | 'close' | 'hang';

export interface HelloGate {
  endpoint: string;
  /** Hellos the gate answered with its action. */
  readonly gated: number;
  close(): Promise<void>;
}

/** Reads the fields the gate decides on from a full TLS record holding a ClientHello; null if it is not one. */
export function parseClientHello(record: Buffer): ClientHelloInfo | null {
  if (record.length < 5 + 4 + 2 + 32 + 1 || record[0] !== 0x16 || record[5] !== 0x01) return null;
  const legacyVersion = record.readUInt16BE(9);
  let at = 11 + 32;
  at += 1 + record[at]; // session id
  at += 2 + record.readUInt16BE(at); // cipher suites
  at += 1 + record[at]; // compression methods
  let offersTls13 = false;
  if (at + 2 <= record.length) {
    const end = Math.min(record.length, at + 2 + record.readUInt16BE(at));
    at += 2;
    while (at + 4 <= end) {
      const type = record.readUInt16BE(at);
      const len = record.readUInt16BE(at + 2);
      const data = record.subarray(at + 4, at + 4 + len);
      if (type === 0x002b) {
        for (let i = 1; i + 1 < data.length; i += 2) if (data.readUInt16BE(i) === 0x0304) offersTls13 = true;
      }
      at += 4 + len;
    }
  }
  return { legacyVersion, offersTls13 };
}

/** Starts a gate on 127.0.0.1 in front of `upstreamPort`. */
export async function startHelloGate(
  upstreamPort: number,
  action: GateAction,
  when: (hello: ClientHelloInfo) => boolean,
): Promise<HelloGate> {
  const sockets = new Set<Socket>();
  let gated = 0;
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 5 || buffered.length < 5 + buffered.readUInt16BE(3)) return;
      client.off('data', onData);
      const hello = parseClientHello(buffered);
      if (hello && when(hello)) {
        gated++;
        if (action === 'reset') client.resetAndDestroy();
        else if (action === 'close') client.end();
        return;
      }
      const upstream = connect(upstreamPort, '127.0.0.1', () => {
        upstream.write(buffered);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      sockets.add(upstream);
      upstream.on('close', () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `127.0.0.1:${port}`,
    get gated() {
      return gated;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** TLS 1.0 or 1.1 only: the hellos of the probe's pinned TLS 1.0 and 1.1 handshakes. */
export const OLD_PROTOCOL_HELLO = (h: ClientHelloInfo) => h.legacyVersion <= 0x0302;
/** Every hello that does not offer TLS 1.3: pinned TLS 1.0-1.2 handshakes and every weak-suite handshake. */
export const NO_TLS13_HELLO = (h: ClientHelloInfo) => !h.offersTls13;
