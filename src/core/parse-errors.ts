/**
 * Parse errors of JSON and YAML input described without the input: a position (line, column) and the parser's
 * reason cut before any text it quotes (a token, a tag, a snippet of the document), since the input may hold
 * credentials. One describer for every reader of untrusted JSON or YAML (manifests, kubeconfig, the host probe, the
 * configuration file).
 */
import { errorMessage } from './errors';

/**
 * A parser's reason without the input it may quote: the leading words only (what went wrong), never the offending
 * text that YAML and JSON parsers append after a colon or in quotes ("Unresolved tag: !x", `Unexpected token 'a',
 * "…" is not valid JSON`, a source snippet on the next lines).
 */
export function parserReason(message: string): string {
  const firstLine = message.split('\n')[0] ?? '';
  const words = /^[A-Za-z][A-Za-z0-9 ,()-]*/.exec(firstLine.trim())?.[0] ?? '';
  const reason = words
    .replace(/\s+at line \d+.*$/, '')
    .replace(/\s*\([^)]*$/, '')
    .replace(/[\s,(-]+$/, '')
    .trim();
  return reason.length > 0 ? reason.slice(0, 120) : 'syntax error';
}

/** "line L, column C" of a 0-based offset into `text` (for parsers that report only an offset). */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** YAML error codes whose message quotes the document (a tag, an escape, a token): replaced by a fixed reason. */
const YAML_QUOTING_CODES: Partial<Record<string, string>> = {
  BAD_DQ_ESCAPE: 'invalid escape sequence in a double-quoted string',
  BAD_PROP_ORDER: 'anchors and tags must come after the indicator',
  BAD_COLLECTION_TYPE: 'a tag does not fit its collection',
  BAD_DIRECTIVE: 'invalid directive',
  TAG_RESOLVE_FAILED: 'unresolved tag',
  UNEXPECTED_TOKEN: 'unexpected token',
};

export function yamlReason(e: { code: string; message: string }): string {
  return YAML_QUOTING_CODES[e.code] ?? parserReason(e.message);
}

/** JSON.parse's reason without the text it quotes (`Unexpected token 'x', "…" is not valid JSON`). */
export function jsonReason(err: unknown): string {
  const m = errorMessage(err)
    .split('\n')[0]
    .replace(/ in JSON at position \d+.*$/, '');
  if (/^Unexpected token\b/.test(m)) return 'unexpected token';
  return m.includes('"') ? 'not valid JSON' : m;
}

export function linePos(text: string, offset: number | undefined): string {
  if (offset === undefined) return 'an unknown position';
  const { line, column } = positionOf(text, offset);
  return `line ${line}, column ${column}`;
}

const JSON_LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The offset of the first character JSON rejects (JSON.parse names it only in some messages). */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const stop = (): never => {
    throw i;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) stop();
      const c = text[i];
      if (c === '"') return void i++;
      if (c < ' ') stop();
      if (c !== '\\') i++;
      else if (text[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
      else if (text[i + 1] !== undefined && '"\\/bfnrt'.includes(text[i + 1])) i += 2;
      else stop();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    const close = c === '{' ? '}' : c === '[' ? ']' : undefined;
    if (close) {
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (close === '}') {
          ws();
          if (text[i] !== '"') stop();
          string();
          ws();
          if (text[i] !== ':') stop();
          i++;
        }
        value();
        ws();
        if (text[i] === close) return void i++;
        if (text[i] !== ',') stop();
        i++;
      }
    }
    if (c === '"') {
      string();
      return;
    }
    JSON_LITERAL.lastIndex = i;
    if (!JSON_LITERAL.test(text)) stop();
    i = JSON_LITERAL.lastIndex;
  };
  try {
    value();
    ws();
    return i < text.length ? i : undefined;
  } catch (at) {
    // A number is the offset; anything else (a stack overflow on deep nesting) leaves the position unknown.
    return typeof at === 'number' ? at : undefined;
  }
}

/** A JSON.parse failure of `text`: `invalid JSON at line L, column C: reason`, nothing of the text quoted. */
export function describeJsonError(err: unknown, text: string): string {
  return `invalid JSON at ${linePos(text, jsonErrorOffset(text))}: ${jsonReason(err)}`;
}
