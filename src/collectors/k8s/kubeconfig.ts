/**
 * Kubeconfig sources (a file, a string from SSM or Secrets Manager, the in-cluster service account) turned into a
 * KubeEndpoint. @kubernetes/client-node parses the kubeconfig and applies its authentication (token, client
 * certificate, exec plugin, token file), so every kind of credential it supports works here.
 */
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { errorMessage } from '../../core/errors';
import { parserReason } from '../../core/parse-errors';
import { redactSecrets } from '../../core/redact';
import type { KubeEndpoint } from './live';

/**
 * @kubernetes/client-node, loaded by the first kubeconfig: a run with no live cluster (manifests, hosts only) never
 * loads it, and no function pays for it at start (docs/deploy.md, Cold start). Its module keeps the import static, so
 * the bundle still keeps only what KubeConfig reaches.
 */
const kubeClient = (): typeof import('./kube-client') => require('./kube-client');

export type KubeconfigInput =
  | { file: string; context?: string; baseDir?: string }
  | { yaml: string; context?: string }
  | { inCluster: true };

/** A configuration problem the user fixes (unknown context, unreadable file, no current cluster). */
export class KubeconfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KubeconfigError';
  }
}

export function expandPath(file: string, baseDir?: string): string {
  const f = file === '~' ? homedir() : file.startsWith('~/') ? `${homedir()}${file.slice(1)}` : file;
  return isAbsolute(f) ? f : resolve(baseDir ?? process.cwd(), f);
}

/**
 * Why a kubeconfig could not be loaded, by position: the YAML parser's own message quotes the lines around the error,
 * which are the user's credentials (token, client-key-data, exec env). The cause is not kept for the same reason.
 */
export function describeLoadError(err: unknown): string {
  const e = err as { name?: string; reason?: string; mark?: { line?: number; column?: number }; message?: string };
  if (e?.name === 'YAMLException') {
    const at =
      typeof e.mark?.line === 'number'
        ? ` at line ${e.mark.line + 1}${typeof e.mark.column === 'number' ? `, column ${e.mark.column + 1}` : ''}`
        : '';
    return `invalid YAML${at}: ${parserReason(e.reason ?? e.message ?? '')}`;
  }
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'a folder, not a file';
  return redactSecrets(firstLine(err));
}

/**
 * A credential plugin (`exec`) or token file that failed. The plugin's first line of stderr helps ("aws: command not
 * found", "the SSO session has expired") and is kept, masked; its stdout is the credential itself and never is.
 */
export function describeCredentialError(err: unknown): string {
  if (err instanceof SyntaxError) return 'the credential plugin printed something that is not an ExecCredential (JSON)';
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'the credential plugin or token file was not found';
  if (code === 'EACCES') return 'the credential plugin or token file is not accessible (permission denied)';
  const line = firstLine(err);
  return line ? `the credential plugin failed: ${redactSecrets(line)}` : 'the credential plugin failed';
}

function firstLine(err: unknown): string {
  const text = errorMessage(err);
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').trim().slice(0, 200);
}

async function applyAuth(kc: KubeConfig, opts: object): Promise<void> {
  try {
    await kc.applyToHTTPSOptions(opts as Parameters<KubeConfig['applyToHTTPSOptions']>[0]);
  } catch (err) {
    throw new KubeconfigError(describeCredentialError(err));
  }
}

/** Loads a kubeconfig and selects the context (default: the file's current-context). */
export function loadKubeConfig(input: KubeconfigInput): KubeConfig {
  const kc = kubeClient().newKubeConfig();
  try {
    if ('inCluster' in input) kc.loadFromCluster();
    else if ('file' in input) kc.loadFromFile(expandPath(input.file, input.baseDir));
    else kc.loadFromString(input.yaml);
  } catch (err) {
    const where =
      'file' in input
        ? `kubeconfig ${input.file}`
        : 'yaml' in input
          ? 'the kubeconfig'
          : 'the in-cluster configuration';
    throw new KubeconfigError(`cannot load ${where}: ${describeLoadError(err)}`);
  }
  const context = 'inCluster' in input ? undefined : input.context;
  if (context) {
    if (!kc.getContextObject(context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new KubeconfigError(
        `context "${context}" is not in the kubeconfig (it has: ${known.join(', ') || 'none'})`,
      );
    }
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentCluster()) throw new KubeconfigError('the kubeconfig has no current context or cluster');
  return kc;
}

/** The endpoint of the kubeconfig's current context; authentication is applied per request (renewable tokens). */
export async function endpointFromKubeConfig(kc: KubeConfig): Promise<KubeEndpoint> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeconfigError('the kubeconfig has no current cluster');
  const tls: {
    ca?: Buffer;
    cert?: Buffer;
    key?: Buffer;
    rejectUnauthorized?: boolean;
    servername?: string;
    headers?: Record<string, string>;
  } = {};
  await applyAuth(kc, tls);
  return {
    server: cluster.server,
    ...(tls.ca ? { ca: tls.ca } : {}),
    ...(tls.cert ? { cert: tls.cert } : {}),
    ...(tls.key ? { key: tls.key } : {}),
    ...(tls.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
    ...(tls.servername ? { servername: tls.servername } : {}),
    authHeaders: async () => {
      const opts: { headers?: Record<string, string> } = { headers: {} };
      await applyAuth(kc, opts);
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string') out[k] = v;
      return out;
    },
  };
}
