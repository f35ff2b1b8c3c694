/**
 * The grammars Kubernetes holds names, label keys and values and port names to (the API server's validation rules:
 * DNS-1123 labels and subdomains, qualified names, IANA service names). One place, so that a name the API server
 * refuses is refused the same way wherever it is read.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** A DNS-1123 label (a namespace name): at most 63 lower-case letters, digits and inner hyphens. */
export function isDnsLabel(text: string): boolean {
  return text.length <= 63 && DNS1123_LABEL.test(text);
}

/** A DNS-1123 subdomain (most object names): dot-separated DNS-1123 labels, at most 253 characters in all. */
export function isDnsSubdomain(text: string): boolean {
  return text.length <= 253 && text.split('.').every((part) => DNS1123_LABEL.test(part));
}

/** A label or annotation key: an optional DNS subdomain and `/`, then a name of at most 63 characters. */
export function isLabelKey(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash >= 0 && !isDnsSubdomain(text.slice(0, slash))) return false;
  // Without a slash, indexOf gives -1 and the name is the whole text.
  const name = text.slice(slash + 1);
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

/** A label value: empty, or at most 63 letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit. */
export function isLabelValue(text: string): boolean {
  return text === '' || (text.length <= 63 && QUALIFIED_NAME.test(text));
}

/**
 * A port name (IANA service name): 1 to 15 lower-case letters, digits and hyphens, at least one letter, no hyphen at
 * either end or next to another. A text of digits alone is no port name: `"80"` is refused where a name is expected.
 */
export function isPortName(text: string): boolean {
  return (
    text.length <= 15 &&
    /^[-a-z0-9]+$/.test(text) &&
    /[a-z]/.test(text) &&
    !text.startsWith('-') &&
    !text.endsWith('-') &&
    !text.includes('--')
  );
}
