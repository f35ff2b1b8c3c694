/** The flags of each command, by long name (src/cli/command.ts): shared by its definition and its body. */

export type ChecksFlags = { format?: string; checks?: string };

export type FrameworksFlags = { format?: string; framework?: string };

export type DiffFlags = { store?: string; scope?: string; format?: string; config?: string };

export type DigestFlags = {
  store?: string;
  days?: string;
  channel?: string;
  chart?: string;
  config?: string;
  'dry-run'?: boolean;
};

export type NotifyFlags = { store?: string; scope?: string; channel?: string; config?: string; 'dry-run'?: boolean };

export type VerifyFlags = { scope?: string; since?: string; format?: string; store?: string; config?: string };

export type WaiversFlags = {
  'expiring-days'?: string;
  all?: boolean;
  format?: string;
  remove?: string;
  store?: string;
  config?: string;
};

export type CanReachFlags = {
  from?: string;
  to?: string;
  port?: string;
  manifests?: string;
  kubeconfig?: string;
  context?: string;
  'ip-block-matches-pods'?: boolean;
  'pod-cidrs'?: string;
  format?: string;
};

export type WhoCanFlags = {
  namespace?: string;
  'cluster-scoped'?: boolean;
  name?: string;
  manifests?: string;
  kubeconfig?: string;
  context?: string;
  'hide-built-in'?: boolean;
  all?: boolean;
  format?: string;
  json?: boolean;
};
