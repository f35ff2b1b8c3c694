/**
 * A small, strict XML 1.0 reader for the tests: it throws on anything not well-formed (unbalanced or mismatched
 * tags, a raw `<` or `&`, an unknown entity, a character XML forbids, `]]>` in text, a duplicate attribute, more
 * than one root) and gives back the tree with references decoded, so tests can read values back.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0's Char production, negated
const NOT_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function isChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function decode(raw: string, where: string, attribute: boolean): string {
  if (raw.includes('<')) throw new Error(`raw "<" in ${where}`);
  // Attribute-value normalisation (XML 1.0 §3.3.3): literal whitespace characters become spaces.
  const text = attribute ? raw.replace(/[\t\n\r]/g, ' ') : raw;
  return text.replace(/&([^;]*);|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`raw "&" in ${where}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ref in named) return named[ref];
    const num = /^#x([0-9A-Fa-f]+)$/.exec(ref) ?? /^#([0-9]+)$/.exec(ref);
    if (!num) throw new Error(`unknown entity ${m} in ${where}`);
    const cp = Number.parseInt(num[1], ref.startsWith('#x') ? 16 : 10);
    if (!isChar(cp)) throw new Error(`reference to a character XML forbids (${m}) in ${where}`);
    return String.fromCodePoint(cp);
  });
}

export function parseXml(xml: string): XmlElement {
  const bad = NOT_CHAR.exec(xml);
  if (bad) throw new Error(`character XML forbids: U+${bad[0].codePointAt(0)!.toString(16)}`);
  let i = 0;
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n?/.exec(xml);
  if (!decl) throw new Error('missing XML declaration');
  i = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end === -1 ? xml.length : end);
      if (raw.includes(']]>')) throw new Error('"]]>" in character data');
      if (stack.length === 0) {
        if (raw.trim() !== '') throw new Error(`text outside the root: ${JSON.stringify(raw.slice(0, 20))}`);
      } else {
        stack[stack.length - 1].text += decode(raw, 'text', false);
      }
      i = end === -1 ? xml.length : end;
      continue;
    }
    if (xml.startsWith('</', i)) {
      const m = /^<\/([^\s>]+)\s*>/.exec(xml.slice(i));
      if (!m) throw new Error(`bad end tag at ${i}`);
      const open = stack.pop();
      if (!open || open.name !== m[1]) throw new Error(`mismatched end tag </${m[1]}> at ${i}`);
      i += m[0].length;
      continue;
    }
    if (xml.startsWith('<!', i) || xml.startsWith('<?', i)) throw new Error(`unexpected markup at ${i}`);
    i += 1;
    const name = NAME.exec(xml.slice(i));
    if (!name) throw new Error(`bad element name at ${i}`);
    i += name[0].length;
    const el: XmlElement = { name: name[0], attrs: {}, children: [], text: '' };
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(i))![0];
      i += ws.length;
      if (xml.startsWith('/>', i) || xml[i] === '>') break;
      if (ws.length === 0) throw new Error(`attributes must be separated by whitespace at ${i}`);
      const attr = /^([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(xml.slice(i));
      if (!attr) throw new Error(`bad attribute at ${i}: ${JSON.stringify(xml.slice(i, i + 30))}`);
      if (attr[1] in el.attrs) throw new Error(`duplicate attribute ${attr[1]}`);
      el.attrs[attr[1]] = decode(attr[3] ?? attr[4], `attribute ${attr[1]}`, true);
      i += attr[0].length;
    }
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else if (root) throw new Error('more than one root element');
    else root = el;
    if (xml.startsWith('/>', i)) i += 2;
    else {
      i += 1;
      stack.push(el);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed element <${stack[stack.length - 1].name}>`);
  if (!root) throw new Error('no root element');
  return root;
}
