/** Terminal text helpers: neutralising hostile text, wrapping, and ANSI colour that never counts toward width. */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * One line of safe terminal text: whitespace runs (newlines, tabs) become one space; control characters, escape
 * sequences and bidirectional overrides (text from a host could rewrite the screen or reorder what is shown) become
 * visible `\xNN` / `\u{NNNN}` escapes; lone surrogates become U+FFFD.
 */
export function clean(text: string): string {
  return text
    .replace(/[\t\n\r\v\f]+/g, ' ')
    .replace(CONTROL, (c) => {
      const code = c.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
    })
    .replace(LONE_SURROGATE, '\uFFFD');
}

/** Length in code points (what a terminal shows for the text we print, wide East Asian characters aside). */
export function visibleLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** A double-quoted phrase ("PermitRootLogin no"): in our prose, a setting or a command to copy as it is. */
const QUOTED = /"[^"\n]*"/g;

/**
 * Greedy word wrap to `width` columns; a word longer than a line is cut. Always at least one line. With
 * `keepQuoted`, a quoted phrase is one word that is never cut: a setting copied from the terminal is whole, even
 * when it is wider than the line.
 */
export function wrap(text: string, width: number, opts: { keepQuoted?: boolean } = {}): string[] {
  const max = Math.max(10, width);
  const lines: string[] = [];
  let line = '';
  const words = opts.keepQuoted ? phrases(text) : text.split(' ');
  for (const word of words) {
    let w = word;
    while (visibleLength(w) > max && !(opts.keepQuoted && w.includes('"'))) {
      if (line) lines.push(line);
      line = '';
      const cps = [...w];
      lines.push(cps.slice(0, max).join(''));
      w = cps.slice(max).join('');
    }
    if (!w) continue;
    if (!line) line = w;
    else if (visibleLength(line) + 1 + visibleLength(w) <= max) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Words split on spaces, a quoted phrase counting as one word with its spaces. */
function phrases(text: string): string[] {
  const words: string[] = [];
  let last = 0;
  for (const m of text.matchAll(QUOTED)) {
    const start = m.index ?? 0;
    if (start < last) continue;
    // The phrase joins the text it touches ("(for example "X", …)"): only spaces separate words.
    const before = text.slice(last, start).split(' ');
    const glued = before.pop() ?? '';
    words.push(...before);
    let end = start + m[0].length;
    while (end < text.length && text[end] !== ' ') {
      // Another phrase touching this one ("A","B") joins the same word, its spaces included.
      const close = text[end] === '"' ? text.indexOf('"', end + 1) : -1;
      end = close < 0 ? end + 1 : close + 1;
    }
    words.push(glued + text.slice(start, end));
    last = end + 1;
  }
  if (last <= text.length) words.push(...text.slice(last).split(' '));
  return words;
}

export function padEnd(text: string, width: number): string {
  const n = visibleLength(text);
  return n >= width ? text : text + ' '.repeat(width - n);
}

export function padStart(text: string, width: number): string {
  const n = visibleLength(text);
  return n >= width ? text : ' '.repeat(width - n) + text;
}

export type Paint = (codes: string, text: string) => string;

/** ANSI SGR colouring, or the identity when colour is off. */
export function painter(color: boolean): Paint {
  return color ? (codes, text) => (text ? `\u001b[${codes}m${text}\u001b[0m` : text) : (_codes, text) => text;
}

/**
 * Lines of `text` wrapped at `width`, the first after `label` (already painted; `labelWidth` is its visible width),
 * the rest indented to line up under the text.
 */
export function hanging(
  indent: number,
  label: string,
  labelWidth: number,
  text: string,
  width: number,
  opts: { keepQuoted?: boolean } = {},
): string[] {
  const pad = ' '.repeat(indent);
  const body = wrap(text, width - indent - labelWidth, opts);
  return body.map((l, i) => (i === 0 ? `${pad}${label}${l}` : `${pad}${' '.repeat(labelWidth)}${l}`).trimEnd());
}
