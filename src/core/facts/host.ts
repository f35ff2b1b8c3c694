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
  /** The user of the connection spec (absent for the global context). */
  user?: string;
  /** The Match line this context was made to evaluate (`Match User alice`), absent for global and the root default. */
  match?: string;
  /**
   * Effective values, keys lower-case, values as `sshd -T` prints them (yes/no lower-case,
   * `PermitRootLogin prohibit-password` and `without-password` both given as `prohibit-password`).
   * A key is absent when its value could not be established (a crypto list whose compiled-in default depends on the
   * OpenSSH version, in the file fallback).
   */
  settings: Record<string, string>;
  /** How this context was evaluated when it differs from the view's source (a Match Group without members here). */
  note?: string;
}

export interface HostSshd {
  /** Where the view comes from: the daemon itself (`sshd -T`), or our own parse of the files. */
  source: 'sshd-T' | 'files';
  contexts: SshdContext[];
  /** The configuration files read, in order. */
  files?: string[];
  /** Why the daemon's own view was not used, problems met while reading the files. */
  notes?: string[];
  /** Whether the configuration is one sshd accepts. When refused, `contexts` is empty: no setting is known. */
  validation?: SshdValidation;
}

export interface SshdValidation {
  /** Who judged: the daemon (`sshd -T`), or the file parser when the daemon could not run. */
  by: 'sshd-T' | 'files';
  accepted: boolean;
  /** Why the configuration is refused: sshd's own message (first lines), or the file parser's findings. */
  message?: string;
  /** What the judge could not check (the file parser knows the values of some keywords only). */
  note?: string;
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
  /** Why /etc/shadow could not be read. */
  shadowError?: string;
}

/** The kubelet: its configuration file and the flags of the running process. */
export interface HostKubelet {
  /** False when there is no kubelet on the host (no process, no configuration file): kubelet checks do not apply. */
  present: boolean;
  /** The running process's flags (`--name` → value; a bare `--flag` is "true"), or null when not visible. */
  flags: Record<string, string> | null;
  /** Why the flags are not known (host root, no process). */
  flagsNote?: string;
  configPath?: string;
  /** Configuration drop-ins (`--config-dir`) merged over the file, in order. */
  configDropins?: string[];
  /** The parsed KubeletConfiguration (drop-ins merged), or null when there is none. */
  config: Record<string, unknown> | null;
  /** Why the configuration file could not be used. */
  configError?: string;
}

/**
 * What a file is to Kubernetes: the kubelet's configuration, a kubeconfig, a private key, the control-plane PKI
 * folder or a file in it, a static Pod manifest, etcd's data folder, a kubelet systemd unit or drop-in.
 */
export const FILE_ROLES = [
  'kubelet-config',
  'kubeconfig',
  'pki-key',
  'pki',
  'static-pod-manifest',
  'etcd-data-dir',
  'kubelet-service',
] as const;
export type HostFileRole = (typeof FILE_ROLES)[number];

/**
 * kube-proxy as the node runs it (its Pod's process): the flags, and the metrics bind address of its configuration
 * file, which replaces the flags when --config is given.
 */
export interface HostKubeProxy {
  /** A process runs (true), none runs (false), or the probe cannot tell (null: under a host root). */
  running: boolean | null;
  flags: Record<string, string> | null;
  /** Why the process is not known. */
  note?: string;
  configPath?: string;
  /** `metricsBindAddress` as the configuration file sets it; absent when the file does not set it. */
  metricsBindAddress?: string;
  configError?: string;
}

/** Mode and owner of a sensitive file (never its content). */
export interface HostFile {
  role: HostFileRole;
  path: string;
  /** Whose file it is: `admin`, `kubelet`, `scheduler`… for kubeconfigs, the component for a static Pod manifest. */
  of?: string;
  /** The probe looked for this file and proved it is not there (no folder on the way hid it). */
  absent?: true;
  /** Owner and group names from the host's own account files, when asked for (etcd's data folder). */
  user?: string;
  group?: string;
  /** Octal permission bits, e.g. "600". */
  mode?: string;
  uid?: number;
  gid?: number;
  error?: string;
}

/** A certificate's validity on the host (no key material). */
export interface HostCertificate {
  path: string;
  /** ISO date-time. */
  notAfter?: string;
  subject?: string;
  error?: string;
}

/** A static Pod manifest under /etc/kubernetes/manifests, reduced to its containers' command lines. */
export interface HostStaticPod {
  path: string;
  name?: string;
  /** Each container's command and args, and the flags they give (as the component parses them). */
  containers: { name: string; command: string[]; flags: Record<string, string> }[];
  error?: string;
}

export interface HostFactMap {
  'host.os': HostOs;
  'host.sshd': HostSshd;
  'host.accounts': HostAccounts;
  'host.kubelet': HostKubelet;
  'host.files': HostFile[];
  'host.certs': HostCertificate[];
  'host.staticPods': HostStaticPod[];
  'host.kubeProxy': HostKubeProxy;
  'host.sshFiles': HostSshFiles;
  'host.sudo': HostSudo;
  'host.pam': HostPasswordQuality;
  'host.sysctl': HostSysctl;
  'host.modules': HostModules;
  'host.audit': HostAudit;
  'host.services': HostServices;
  'host.mac': HostMac;
  'host.limits': HostLimits;
  'host.updates': HostUpdates;
  'host.runtime': HostRuntime;
}

/** Mode and owner of a file an operating-system check reads (never its content). */
export interface HostStat {
  role: string;
  path: string;
  /** Octal permission bits, e.g. "600". */
  mode?: string;
  uid?: number;
  gid?: number;
  error?: string;
}

/** The sshd configuration files (role `sshd-config`) and host keys (`host-key`, `host-key-pub`). */
export interface HostSshFiles {
  files: HostStat[];
}

/** A line of a configuration file, for evidence. */
export interface HostConfigLine {
  file: string;
  line: number;
  text: string;
}

/** sudo's configuration, parsed from /etc/sudoers and what it includes (never executed). */
export interface HostSudo {
  /** False when neither a sudo binary nor /etc/sudoers exists: the sudo checks do not apply. */
  installed: boolean;
  /** `1.9.15p5`, when the running system could tell (live only). */
  version?: string;
  /** `sudo-rs` when `sudo -V` names the Rust rewrite (its own version numbers, `0.2.5`); absent for sudo itself. */
  implementation?: 'sudo-rs';
  /** The files read, in the order sudo reads them. */
  files: string[];
  /** The last global `Defaults` that sets or negates each flag: `use_pty`, `logfile`. */
  defaults: Record<string, { value: string | boolean; at: HostConfigLine }>;
  /** User specifications carrying the NOPASSWD tag, and Defaults lines with !authenticate (the same for everyone). */
  nopasswd: HostConfigLine[];
}

/** Password-quality settings of PAM (pam_pwquality / pam_cracklib and pwquality.conf). */
export interface HostPasswordQuality {
  /** The password stack files found (`/etc/pam.d/common-password`, `system-auth`, `password-auth`). */
  stacks: string[];
  /** The quality module of each stack, or null when the stack has none. */
  modules: Record<string, string | null>;
  /** Effective settings: module arguments over pwquality.conf and its drop-ins (`minlen`, `minclass`, `dcredit`…). */
  settings: Record<string, { value: string; from: string }>;
}

/** Kernel parameters: running values (live) and what sysctl.d configures at boot. */
export interface HostSysctl {
  /** The running kernel's values (live only), or null. */
  runtime: Record<string, string> | null;
  runtimeNote?: string;
  /** The value systemd-sysctl applies at boot for each key, and the file that sets it. */
  configured: Record<string, { value: string; file: string }>;
  /** The configuration files in the order they apply. */
  files: string[];
}

/** Kernel modules: what modprobe.d makes impossible to load, and what is loaded (live). */
export interface HostModules {
  /** Loaded module names (underscores), or null when not visible. */
  loaded: string[] | null;
  loadedNote?: string;
  /** The effective `install` command of each module that has one. */
  install: Record<string, { command: string; file: string }>;
  /** Blacklisted modules and the file that says so. */
  blacklist: Record<string, string>;
}

/** A file watch of the audit system: a path and the access it records (`r`, `w`, `x`, `a`). */
export interface AuditWatch {
  path: string;
  perms: string;
  /** A directory watch covers everything under it (`-w DIR`, `-F dir=`). */
  recursive: boolean;
  rule: string;
}

export interface HostAudit {
  /** The kernel's loaded rules (`auditctl -l`) or the rule files auditd loads at boot. */
  source: 'auditctl' | 'files';
  watches: AuditWatch[];
  ruleCount: number;
  files?: string[];
}

/** systemd units and daemons relevant to the checks. */
export interface HostServices {
  /** Process names running (live only), or null under a host root. */
  running: string[] | null;
  /** Units enabled (linked in a `*.wants` folder). */
  enabled: string[];
  masked: string[];
  error?: string;
}

/** Mandatory access control. */
export interface HostMac {
  live: boolean;
  /** `/sys/fs/selinux/enforce` (live). */
  selinuxEnforce?: '0' | '1';
  /** SELINUX= of /etc/selinux/config. */
  selinuxConfig?: string;
  /** `/sys/module/apparmor/parameters/enabled` is Y (live). */
  apparmorEnabled?: boolean;
  /** Loaded AppArmor profiles by mode (live, as root). */
  apparmorProfiles?: Record<string, number>;
  apparmorProfilesError?: string;
  /** /etc/apparmor.d exists. */
  apparmorConfig: boolean;
}

/** `core` lines of limits.conf and limits.d, in the order pam_limits reads them. */
export interface HostLimits {
  core: { domain: string; type: string; value: string; at: HostConfigLine }[];
  files: string[];
}

/** Automatic updates: the tools installed and their settings. */
export interface HostUpdates {
  tools: string[];
  /** `APT::Periodic::Unattended-Upgrade`, `apply_updates`, `upgrade_type`… with where they are set (last wins). */
  settings: Record<string, { value: string; file: string }>;
}

/** The container runtime: which are installed, and the mode and owner of their sockets and configuration. */
export interface HostRuntime {
  present: string[];
  files: HostStat[];
}
