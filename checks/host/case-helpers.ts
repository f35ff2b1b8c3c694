/** Builders of host facts for the `.cases.ts` files. */
import type { HostSshd, SshdContext } from '../../src/core/facts/host';
import type { Fact } from '../../src/core/model';

const ROOT_SPEC = 'user=root,host=probe.invalid,addr=192.0.2.10';
const ANY_SPEC = 'user=compliance-probe,host=probe.invalid,addr=192.0.2.10';

/** An sshd view: the global context, a root and a non-root default connection, each with `base` + overrides. */
export function sshd(
  base: Record<string, string>,
  opts: {
    source?: HostSshd['source'];
    root?: Record<string, string>;
    matches?: { match: string; spec: string; settings: Record<string, string> }[];
  } = {},
): Fact<HostSshd> {
  const contexts: SshdContext[] = [
    { context: 'global', settings: { ...base } },
    { context: ROOT_SPEC, user: 'root', settings: { ...base, ...opts.root } },
    { context: ANY_SPEC, user: 'compliance-probe', settings: { ...base } },
  ];
  for (const m of opts.matches ?? []) {
    const user = /user=([^,]*)/.exec(m.spec)?.[1];
    contexts.push({ context: m.spec, ...(user ? { user } : {}), match: m.match, settings: { ...base, ...m.settings } });
  }
  return { ok: true, value: { source: opts.source ?? 'sshd-T', contexts } };
}

/** A hardened sshd -T view. */
export const HARDENED = {
  permitrootlogin: 'no',
  passwordauthentication: 'no',
  pubkeyauthentication: 'yes',
  permitemptypasswords: 'no',
  kbdinteractiveauthentication: 'no',
  maxauthtries: '3',
  ciphers: 'chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr',
  macs: 'hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com',
  kexalgorithms: 'curve25519-sha256,curve25519-sha256@libssh.org,diffie-hellman-group16-sha512',
};
