/** XML 1.0 escaping for the JUnit report: every string from a host or a cluster passes through here. */

// Everything outside XML 1.0's Char production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
// [#x10000-#x10FFFF]): C0 controls, lone surrogates, U+FFFE and U+FFFF. No escape makes them legal, so they are
// replaced with U+FFFD. With the `u` flag a lone surrogate is one code point outside every range.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the characters XML forbids is the point
const INVALID = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlSafe(text: string): string {
  return text.replace(INVALID, '\uFFFD');
}

const TEXT_REFS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_REFS: Record<string, string> = {
  ...TEXT_REFS,
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
};

/** Character data: `&`, `<` and `>` escaped (so `]]>` cannot occur), `\r` kept through end-of-line handling. */
export function escapeText(text: string): string {
  return xmlSafe(text).replace(/[&<>\r]/g, (c) => TEXT_REFS[c]);
}

/** An attribute value in double quotes; tabs and line breaks as references so attribute normalisation keeps them. */
export function escapeAttr(text: string): string {
  return xmlSafe(text).replace(/[&<>"'\t\n\r]/g, (c) => ATTR_REFS[c]);
}

/** `<name a="1" b="2"` (no closing bracket), attributes in the given order, undefined ones left out. */
export function openTag(name: string, attrs: Record<string, string | number | undefined>): string {
  const parts = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`);
  return `<${name}${parts.join('')}`;
}
