/** Parses what `sshd -T` prints: one `keyword value…` per line, keywords lower-case. */
import { canonicalKeyword, canonicalValue } from './config';

export function parseSshdT(text: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const space = line.search(/[ \t]/);
    const key = canonicalKeyword(space < 0 ? line : line.slice(0, space));
    const value = canonicalValue(key, space < 0 ? '' : line.slice(space + 1).trim());
    // Keywords printed several times (acceptenv, hostkey, listenaddress…) accumulate.
    settings[key] = key in settings ? `${settings[key]}\n${value}` : value;
  }
  return settings;
}
