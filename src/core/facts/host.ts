/**
 * Host facts, as the probe (src/collectors/host/probe.sh) reports them: run by SSM on nodes, or locally.
 * Never secret material: no password hashes, no private keys, no tokens.
 */

export interface HostOs {
  id: string;
  versionId?: string;
  prettyName?: string;
  hostname: string;
  kernel?: string;
}

/** The effective sshd configuration in one context (global, or one Match evaluation). Keys are lower-case. */
export interface SshdContext {
  /** `global`, or the connection spec evaluated (`user=root,host=…,addr=…`). */
  context: string;
  /** The Match block(s) that applied, when known. */
  match?: string;
  settings: Record<string, string>;
}

export interface HostSshd {
  /** Where the view comes from: the daemon itself (`sshd -T`), or our own parse of the files. */
  source: 'sshd-T' | 'files';
  contexts: SshdContext[];
}

export interface HostAccount {
  name: string;
  uid: number;
  /** From /etc/shadow: never the hash itself. */
  password: 'locked' | 'empty' | 'set' | 'unknown';
}

export interface HostAccounts {
  accounts: HostAccount[];
  /** False when /etc/shadow could not be read: password states are then `unknown`. */
  shadowReadable: boolean;
}

export interface HostFactMap {
  'host.os': HostOs;
  'host.sshd': HostSshd;
  'host.accounts': HostAccounts;
}
