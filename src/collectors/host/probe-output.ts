/**
 * The host probe's output framing (probe.sh): one header line giving the length and sha256 of the JSON document
 * that follows it,
 *
 *   compliance-bot-probe-output bytes=N sha256=HEX
 *   {"probe":"compliance-bot-host", ... ,"end":true}
 *
 * The SSM API returns only the first 2,500 characters of an invocation's output, and always the header among them;
 * the full copy in S3 can be written by any node, so it is used only when it carries the same header and its
 * document matches it (docs/host.md, "Output integrity"). `sha256=none`: the node has neither sha256sum nor openssl.
 */
import { createHash } from 'node:crypto';

export const OUTPUT_HEADER_NAME = 'compliance-bot-probe-output';
const HEADER = /^compliance-bot-probe-output bytes=(\d{1,12}) sha256=([0-9a-f]{64}|none)$/;

export interface OutputHeader {
  /** The header line as printed (without its newline). */
  line: string;
  /** Length of the document in bytes. */
  bytes: number;
  /** Hex sha256 of the document, or null when the node could not compute one. */
  sha256: string | null;
}

export type FramedOutput =
  | {
      ok: true;
      header: OutputHeader;
      /** The document: exactly `header.bytes` bytes when `complete`, what there is otherwise. */
      document: string;
      complete: boolean;
      /** What follows the document, besides the final newline (SSM appends stderr to the API copy). */
      trailing: string;
    }
  | { ok: false; reason: string };

/** Splits an output into its header and document. Strings are taken as UTF-8, as the SSM and S3 APIs decode them. */
export function splitProbeOutput(output: string | Uint8Array): FramedOutput {
  const buf = Buffer.from(output);
  const text = buf.toString('latin1');
  if (text.trim() === '') return { ok: false, reason: 'the host probe printed nothing' };
  const nl = buf.indexOf(0x0a);
  const first = nl < 0 ? text : text.slice(0, nl);
  const m = HEADER.exec(first.replace(/\r$/, ''));
  if (!m) {
    if (nl < 0 && `${OUTPUT_HEADER_NAME} `.startsWith(first.slice(0, OUTPUT_HEADER_NAME.length + 1)))
      return { ok: false, reason: 'the host probe output is truncated (inside its header line)' };
    if (text.startsWith('{"probe":"compliance-bot-host"'))
      return {
        ok: false,
        reason: `the host probe output is not a probe document (no "${OUTPUT_HEADER_NAME}" header line: a probe older than this collector? redeploy the SSM document)`,
      };
    return {
      ok: false,
      reason: `the host probe output is not a probe document (no "${OUTPUT_HEADER_NAME}" header line; starts with ${JSON.stringify(text.slice(0, 40))})`,
    };
  }
  const header: OutputHeader = { line: m[0], bytes: Number(m[1]), sha256: m[2] === 'none' ? null : m[2] };
  const rest = nl < 0 ? Buffer.alloc(0) : buf.subarray(nl + 1);
  const complete = rest.length >= header.bytes;
  const document = rest.subarray(0, header.bytes).toString('latin1');
  const after = complete ? rest.subarray(header.bytes).toString('latin1') : '';
  return { ok: true, header, document, complete, trailing: after.replace(/^\r?\n/, '') };
}

/**
 * Why a complete document does not match its header (length, then digest), or null when it does. A header without
 * a digest checks the length only: the caller decides whether the channel may be trusted without one.
 */
export function documentMismatch(header: OutputHeader, document: string): string | null {
  const bytes = Buffer.from(document, 'latin1');
  if (bytes.length !== header.bytes) return `the document is ${bytes.length} bytes, the header says ${header.bytes}`;
  if (header.sha256 !== null && createHash('sha256').update(bytes).digest('hex') !== header.sha256)
    return "the document's sha256 differs from the header's";
  return null;
}

/** Frames a document as the probe does (for generated outputs: benchmarks and tests). */
export function frameProbeDocument(document: string, opts: { sha256?: boolean } = {}): string {
  const bytes = Buffer.from(document);
  const sha = opts.sha256 === false ? 'none' : createHash('sha256').update(bytes).digest('hex');
  return `${OUTPUT_HEADER_NAME} bytes=${bytes.length} sha256=${sha}\n${document}\n`;
}
