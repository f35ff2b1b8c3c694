/** Builders of host facts for the `.cases.ts` files. */
import type { HostKubelet, HostSshd, SshdContext } from '../../src/core/facts/host';
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

/** A kubelet view: a configuration file (`config`, or none), and visible process flags (`flags`, or null). */
export function kubelet(
  config: Record<string, unknown> | null,
  flags: Record<string, string> | null = {},
): Fact<HostKubelet> {
  return {
    ok: true,
    value: {
      present: true,
      flags,
      ...(flags === null ? { flagsNote: 'the kubelet process is not visible under a host root' } : {}),
      ...(config ? { configPath: '/var/lib/kubelet/config.yaml' } : {}),
      config,
    },
  };
}

export const NO_KUBELET: Fact<HostKubelet> = {
  ok: true,
  value: { present: false, flags: null, flagsNote: 'no kubelet process is running', config: null },
};

export const BROKEN_KUBELET_CONFIG: Fact<HostKubelet> = {
  ok: true,
  value: {
    present: true,
    flags: {},
    configPath: '/var/lib/kubelet/config.yaml',
    config: null,
    configError: 'not valid YAML or JSON: bad indentation',
  },
};

/** The hardened KubeletConfiguration of a kubeadm node. */
export const HARDENED_KUBELET = {
  apiVersion: 'kubelet.config.k8s.io/v1beta1',
  kind: 'KubeletConfiguration',
  authentication: {
    anonymous: { enabled: false },
    webhook: { enabled: true },
    x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' },
  },
  authorization: { mode: 'Webhook' },
  readOnlyPort: 0,
  rotateCertificates: true,
};
