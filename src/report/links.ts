/**
 * Addresses reports link to: the project, a check's entry in the catalogue (docs/checks.md), and the path a result
 * is filed under when it was not read from a file of the repository.
 */
import type { Result, TargetKind } from '../core/model';
import { anchor } from './catalogue';

/** The project's home: the tool's `informationUri` in SARIF. */
export const PROJECT_URL = 'https://github.com/compliance-bot/compliance-bot';

/** The check's entry in the catalogue; the catalogue itself for a check it does not list (no anchor to guess). */
export function checkHelpUri(id: string | null): string {
  const page = `${PROJECT_URL}/blob/main/docs/checks.md`;
  return id === null ? page : `${page}#${anchor(id)}`;
}

/**
 * A relative URI reference that cannot leave the repository's root: segments split on "/", a leading "/" dropped,
 * empty, "." and ".." segments replaced with "_", every other character outside the unreserved set percent-escaped
 * (a backslash included, so no Windows separator survives).
 */
export function artifactPath(path: string): string {
  // A lone surrogate has no UTF-8 form to escape: it becomes U+FFFD.
  const segments = path.replace(LONE_SURROGATE, '\uFFFD').split('/');
  while (segments.length > 1 && segments[0] === '') segments.shift();
  return segments
    .map((s) => (s === '' || s === '.' || s === '..' ? '_' : encodeURIComponent(s).replace(/[!'()*]/g, escapeChar)))
    .join('/');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const escapeChar = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/** Where a host keeps what a resource of this kind is about, when it is one file for every resource. */
const HOST_FILES: Record<string, string> = {
  SshdConfig: 'etc/ssh/sshd_config',
  User: 'etc/passwd',
};

/**
 * The path a result is filed under: the manifest it was read from, or else a stable path made of the target and the
 * resource, so the same finding keeps its location from one scan to the next:
 * `k8s/CLUSTER/NAMESPACE/KIND/NAME.yaml` (`_cluster` for cluster-scoped resources, a name no namespace can have),
 * `hosts/HOST/etc/ssh/sshd_config`, `hosts/HOST/PATH` for a file, `hosts/HOST/KIND/NAME` otherwise.
 */
export function resultArtifact(r: Result, targetKind: TargetKind | undefined): { uri: string; line: number } {
  if (r.source) {
    const line = Number.isInteger(r.source.line) && (r.source.line ?? 0) >= 1 ? (r.source.line as number) : 1;
    return { uri: artifactPath(r.source.file), line };
  }
  const seg = (s: string) => artifactPath(s.replace(/\//g, '\u2215'));
  const { kind, namespace, name } = r.resource;
  if (targetKind === 'host') {
    const file = HOST_FILES[kind];
    if (file) return { uri: `hosts/${seg(r.target)}/${file}`, line: 1 };
    if ((kind === 'File' || kind === 'Certificate') && name.startsWith('/')) {
      return { uri: `hosts/${seg(r.target)}/${artifactPath(name)}`, line: 1 };
    }
    return { uri: `hosts/${seg(r.target)}/${seg(kind)}/${seg(name)}`, line: 1 };
  }
  return {
    uri: `k8s/${seg(r.target)}/${namespace ? seg(namespace) : '_cluster'}/${seg(kind)}/${seg(name)}.yaml`,
    line: 1,
  };
}
