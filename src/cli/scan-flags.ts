/** The flags of `compliance-bot scan`, by long name: read by the command (commands/scan.ts) and the target plan (targets.ts). */
export type ScanFlags = {
  manifests?: string;
  'cluster-name'?: string;
  kubeconfig?: string;
  context?: string;
  'host-root'?: string;
  'no-host'?: boolean;
  store?: string;
  'no-store'?: boolean;
  scope?: string;
  format?: string;
  output?: string;
  'fail-on'?: string;
  'fail-on-unknown'?: boolean;
  'allow-unassessed'?: boolean;
  checks?: string;
  framework?: string;
  config?: string;
  verbose?: boolean;
  quiet?: boolean;
  'no-color'?: boolean;
};
