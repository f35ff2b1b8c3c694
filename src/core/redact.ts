/**
 * Credential masking for free text that has to carry some input (reasons, warnings, log messages, error messages).
 * It is the last line of defence: the places that build such text describe input by position (file, line, column,
 * parser reason) and never quote it. docs/trust.md lists what is never collected and what is masked.
 */
export const REDACTED = '[redacted]';

/** Names whose value, written `name: value` or `name=value`, is a credential. */
const SECRET_NAME =
  /(?:token|password|passwd|secret|client-key-data|private[-_]?key|api[-_]?key|access[-_]?key(?:[-_]?id)?|authorization)/
    .source;

/** Shapes of credentials, each with what replaces it. Order matters: whole blocks first, then key-value pairs. */
const RULES: readonly [RegExp, string | ((...m: string[]) => string)][] = [
  // A PEM private key, whole or cut short (an error that quotes part of a key file).
  [
    /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
    `${REDACTED} private key`,
  ],
  // HTTP authorization schemes (a value with a digit, capital or symbol: not an English word after "bearer").
  [
    /\b([Bb]earer|BEARER|Basic)(\s+)(?=[A-Za-z]*[0-9A-Z\-._~+/=])[A-Za-z0-9\-._~+/=:]{6,}/g,
    (_m, scheme: string, sp: string) => `${scheme}${sp}${REDACTED}`,
  ],
  // name: value, name=value, "name": "value" (YAML, flags, JSON, environment lines).
  [
    new RegExp(
      `((?:^|[^A-Za-z0-9])[A-Za-z0-9_.-]*${SECRET_NAME}["']?[ \\t]*[:=][ \\t]*(?:(?:Bearer|Basic)[ \\t]+)?)(\\[redacted\\]|"(?:[^"\\\\\\n]|\\\\.)*"|'[^'\\n]*'|[^\\s,;{}[\\]()"']+)`,
      'gi',
    ),
    (_m, head: string) => `${head}${REDACTED}`,
  ],
  // Slack tokens.
  [/\bxox[abposre]-[A-Za-z0-9-]+/g, REDACTED],
  [/\bxapp-[A-Za-z0-9-]+/g, REDACTED],
  // AWS access key IDs (long-term and temporary).
  [/\b(?:AKIA|ASIA)[A-Z0-9]{12,}/g, REDACTED],
  // JWTs (service account tokens, OIDC ID tokens) and EKS IAM tokens.
  [/\beyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){0,2}/g, REDACTED],
  [/\bk8s-aws-v1\.[A-Za-z0-9_-]+/g, REDACTED],
  // crypt(3) password hashes ($1$, $2b$, $5$, $6$, $y$ yescrypt, $gy$, $7$).
  [/\$(?:1|2[abxy]?|5|6|7|y|gy|sha1|md5)\$[^\s:'"]+/g, REDACTED],
  // Credentials in a URL (https://user:password@host).
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s/@]+@/gi, (_m, head: string) => `${head}${REDACTED}@`],
];

/** The text with every known credential shape masked. Pure; idempotent. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) {
    out = out.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  }
  return out;
}
