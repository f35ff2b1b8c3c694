/**
 * Reads a folder of Kubernetes manifests (a cluster dump, a GitOps repository, `kubectl get … -o yaml` output) into
 * cluster facts: YAML and JSON, recursively, multi-document files and `List` kinds. A bad file is reported with its
 * name and the rest is read, but what it could have held is not assessed: every fact the kinds it could have held
 * feed becomes `{ok:false}`, so a broken manifest never makes a finding look resolved.
 * Only regular files inside the folder are read (links may point inside it), each up to a size cap.
 */
import { constants, type Dirent, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { isMap, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { errorMessage } from '../../core/errors';
import type { ResourceRef, SourcePosition, TargetFacts } from '../../core/model';
import { describeJsonError, parserReason, yamlReason } from '../../core/parse-errors';
import { cleanUntrusted, PROTO_KEY } from '../../core/safe-object';
import type { CollectContext, TargetCollector } from '../types';
import { LISTS } from './kinds';
import { KubeFactBuilder } from './reduce';
import { networkPolicyProblem } from './validate-netpol';
import { rbacProblem } from './validate-rbac';

export interface ManifestProblem {
  file: string;
  message: string;
  /** error: something could not be read (the exit code says so); note: skipped on purpose (custom resources). */
  level: 'error' | 'note';
}

export interface ManifestsRead {
  facts: TargetFacts['facts'];
  problems: ManifestProblem[];
  files: number;
  objects: number;
  /** Objects of kinds that produce no facts, by kind (ConfigMaps, custom resources…). */
  ignored: Record<string, number>;
  /**
   * Where each object was read. The file is relative to the folder, or, when the folder was given as a relative
   * path inside the working folder, that path joined to it: a repository path when run from the repository's root.
   */
  sources: { resource: ResourceRef; source: SourcePosition }[];
}

const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const SKIP_DIRS = new Set(['.git', 'node_modules', '.compliance-bot']);

/** Kinds of the built-in API groups: an unknown kind in one of these groups is a typo, not a custom resource. */
const BUILTIN_KINDS: Record<string, readonly string[]> = {
  v1: [
    'Pod',
    'Service',
    'Namespace',
    'Node',
    'ServiceAccount',
    'Secret',
    'ConfigMap',
    'PersistentVolume',
    'PersistentVolumeClaim',
    'Endpoints',
    'Event',
    'LimitRange',
    'ResourceQuota',
    'ReplicationController',
    'PodTemplate',
    'Binding',
    'ComponentStatus',
  ],
  apps: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'],
  batch: ['Job', 'CronJob'],
  'networking.k8s.io': ['NetworkPolicy', 'Ingress', 'IngressClass', 'IPAddress', 'ServiceCIDR'],
  'rbac.authorization.k8s.io': ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  policy: ['PodDisruptionBudget', 'PodSecurityPolicy'],
  autoscaling: ['HorizontalPodAutoscaler'],
  'storage.k8s.io': [
    'StorageClass',
    'CSIDriver',
    'CSINode',
    'VolumeAttachment',
    'CSIStorageCapacity',
    'VolumeAttributesClass',
  ],
  'admissionregistration.k8s.io': [
    'ValidatingWebhookConfiguration',
    'MutatingWebhookConfiguration',
    'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding',
    'MutatingAdmissionPolicy',
    'MutatingAdmissionPolicyBinding',
  ],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'scheduling.k8s.io': ['PriorityClass'],
  'coordination.k8s.io': ['Lease', 'LeaseCandidate'],
  'discovery.k8s.io': ['EndpointSlice'],
  'certificates.k8s.io': ['CertificateSigningRequest', 'ClusterTrustBundle'],
  'node.k8s.io': ['RuntimeClass'],
  'apiregistration.k8s.io': ['APIService'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'events.k8s.io': ['Event'],
  'resource.k8s.io': ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every kind name of the built-in API groups. */
const KNOWN_KINDS = new Set(Object.values(BUILTIN_KINDS).flat());

/** Kinds whose objects live in a namespace ("default" when the manifest names none), as the facts record them. */
const NAMESPACED = new Set(LISTS.filter((l) => l.namespaced).map((l) => l.kind));
const CLUSTER_SCOPED = new Set(LISTS.filter((l) => !l.namespaced).map((l) => l.kind));

/** One parsed document and the lines it and its `items` start on (YAML only: JSON.parse gives no positions). */
interface ParsedDoc {
  value: unknown;
  line?: number;
  itemLines?: (number | undefined)[];
}

/** The file-system calls the reader makes: tests inject failures that root would not see (a folder it may not list). */
export interface ManifestFs {
  readdir(path: string): Promise<Dirent[]>;
  stat(path: string): Promise<Stats>;
  lstat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  open(path: string, flags: number): Promise<FileHandle>;
}

const nodeFs: ManifestFs = {
  readdir: (path) => fsp.readdir(path, { withFileTypes: true }),
  stat: (path) => fsp.stat(path),
  lstat: (path) => fsp.lstat(path),
  realpath: (path) => fsp.realpath(path),
  open: (path, flags) => fsp.open(path, flags),
};

export interface ReadOptions {
  /** Largest manifest file read, in bytes (default 64 MiB). */
  maxFileBytes?: number;
  fs?: ManifestFs;
  /**
   * The working folder (absolute): positions of a folder inside it are paths from it, a repository's paths when
   * the scan runs at the repository's root. A relative folder is taken from where it was given either way.
   */
  relativeTo?: string;
}

/** One manifest file to read: the name the user knows it by and the real path it is read from. */
interface Candidate {
  rel: string;
  path: string;
}

interface Reading {
  fs: ManifestFs;
  maxFileBytes: number;
  /** Real path of the folder: nothing outside it is read. */
  root: string;
  builder: KubeFactBuilder;
  out: ManifestsRead;
  visitedDirs: Set<string>;
  visitedFiles: Set<string>;
  /** What file positions are prefixed with ('' for none). */
  prefix: string;
}

/**
 * Records an input error: a problem for the user, and the objects the input could have held are unassessed, so the
 * facts they feed fail and nothing the input held can look resolved. `kind` is the one kind the input could have
 * held, or null when it could have held any.
 */
function inputError(r: Reading, file: string, message: string, kind: string | null): void {
  r.out.problems.push({ file, level: 'error', message });
  r.builder.unassessed(kind, `a manifest could not be read: ${file}: ${message}`);
}

/** Reads every manifest under `dir`. Throws only when `dir` itself cannot be read. */
export async function readManifests(
  dir: string,
  ctx?: Pick<CollectContext, 'reporter'>,
  opts: ReadOptions = {},
): Promise<ManifestsRead> {
  const fs = opts.fs ?? nodeFs;
  let real: string;
  let info: Stats;
  try {
    real = await fs.realpath(dir);
    info = await fs.stat(real);
  } catch (err) {
    throw new Error(`cannot read manifests folder ${dir}: ${describeFsError(err as NodeJS.ErrnoException)}`);
  }
  const r: Reading = {
    fs,
    maxFileBytes: opts.maxFileBytes ?? MAX_FILE_BYTES,
    root: info.isDirectory() ? real : dirname(real),
    builder: new KubeFactBuilder({ source: 'manifests' }),
    out: { facts: {}, problems: [], files: 0, objects: 0, ignored: {}, sources: [] },
    visitedDirs: new Set(),
    visitedFiles: new Set(),
    prefix: positionPrefix(info.isDirectory() ? dir : dirname(dir), opts.relativeTo),
  };
  let files: Candidate[];
  if (info.isDirectory()) {
    try {
      files = await listFiles(r, real, '');
    } catch (err) {
      throw new Error(`cannot read manifests folder ${dir}: ${describeFsError(err as NodeJS.ErrnoException)}`);
    }
  } else {
    files = [{ rel: basename(dir), path: real }];
  }
  for (const file of files) {
    r.out.files++;
    if (r.out.files % 200 === 0) ctx?.reporter.progress(`read ${r.out.files} of ${files.length} manifest files`);
    const text = await readOne(r, file);
    if (text === undefined) continue;
    const docs = parseFile(text, file.rel, (message, kind) => inputError(r, file.rel, message, kind));
    for (const doc of docs) addObject(doc.value, file.rel, r, doc.line, doc.itemLines);
  }
  r.out.facts = r.builder.finish();
  return r.out;
}

/** The text of one manifest, or undefined after recording why it was not read. */
async function readOne(r: Reading, file: Candidate): Promise<string | undefined> {
  // One file reached twice (a link next to its target) is read once: its objects must not count twice.
  if (r.visitedFiles.has(file.path)) return undefined;
  r.visitedFiles.add(file.path);
  try {
    // A folder swapped for a link after it was listed must not lead outside the root.
    if (!inside(r.root, await r.fs.realpath(file.path))) {
      inputError(r, file.rel, 'leads outside the manifests folder; not read', null);
      return undefined;
    }
    // lstat, not open: opening a FIFO blocks and opening a device may have effects.
    const st = await r.fs.lstat(file.path);
    if (!st.isFile()) {
      inputError(r, file.rel, `not a regular file (${fileType(st)}); not read`, null);
      return undefined;
    }
    const text = await readCapped(r.fs, file.path, st, r.maxFileBytes);
    if (text === TOO_LARGE) {
      inputError(r, file.rel, `larger than ${formatBytes(r.maxFileBytes)}; not read`, null);
      return undefined;
    }
    if (text === CHANGED) {
      inputError(r, file.rel, 'changed while being read; not read', null);
      return undefined;
    }
    return text;
  } catch (err) {
    inputError(r, file.rel, `cannot read: ${describeFsError(err as NodeJS.ErrnoException)}`, null);
    return undefined;
  }
}

const TOO_LARGE = Symbol('too large');
const CHANGED = Symbol('changed');
const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads at most `cap + 1` bytes, whatever the file's size says (files in /proc say 0, a file may grow): more than
 * `cap` is TOO_LARGE. The file opened must be the regular file that was checked (no link, no swap in between).
 */
async function readCapped(
  fs: ManifestFs,
  path: string,
  checked: Stats,
  cap: number,
): Promise<string | typeof TOO_LARGE | typeof CHANGED> {
  if (checked.size > cap) return TOO_LARGE;
  const fh = await fs.open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const st = await fh.stat();
    if (!st.isFile() || st.ino !== checked.ino || st.dev !== checked.dev) return CHANGED;
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= cap) {
      const want = Math.min(CHUNK_BYTES, cap + 1 - total);
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await fh.read(buf, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
    }
    if (total > cap) return TOO_LARGE;
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    await fh.close();
  }
}

function fileType(st: Stats): string {
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a folder';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a file';
}

function formatBytes(n: number): string {
  return n >= 1048576 && n % 1048576 === 0 ? `${n / 1048576} MiB` : `${n} bytes`;
}

/**
 * Parses one file into documents. A document that does not parse is an input error for the one kind its text names
 * (a single top-level `kind:` line of a built-in kind) or else for every kind. Messages give the line, the column
 * and the parser's reason, never the file's text: manifests hold secrets.
 */
function parseFile(text: string, file: string, fail: (message: string, kind: string | null) => void): ParsedDoc[] {
  if (/\.json$/i.test(file)) {
    try {
      return [{ value: cleanUntrusted(JSON.parse(text), PROTO_KEY).value, line: 1 }];
    } catch (err) {
      fail(describeJsonError(err, text), kindNamedIn(text));
      return [];
    }
  }
  const docs: ParsedDoc[] = [];
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { prettyErrors: false, lineCounter });
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (list.length === 0 && 'errors' in parsed && parsed.errors.length > 0) {
    const e = parsed.errors[0];
    const { line, col } = lineCounter.linePos(e.pos[0]);
    fail(`invalid YAML at line ${line}, column ${col}: ${yamlReason(e)}`, kindNamedIn(text));
    return [];
  }
  list.forEach((doc, i) => {
    // The document's text runs to the next document: what a broken document swallowed is counted as its own.
    const raw = () => text.slice(doc.range[0], list[i + 1]?.range[0] ?? text.length);
    const where = list.length > 1 ? ` in document ${i + 1}` : '';
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const { line, col } = lineCounter.linePos(e.pos[0]);
      fail(`invalid YAML${where} at line ${line}, column ${col}: ${yamlReason(e)}`, kindNamedIn(raw()));
      return;
    }
    let value: unknown;
    try {
      value = cleanUntrusted(doc.toJS({ maxAliasCount: 100 }), PROTO_KEY).value;
    } catch (err) {
      // An alias bomb (the alias limit), a bad alias or one inside the node it names (data that contains itself):
      // this document is skipped, the rest of the folder is read.
      const { line } = lineCounter.linePos(doc.range[0]);
      fail(`unreadable YAML${where} from line ${line}: ${parserReason(errorMessage(err))}`, kindNamedIn(raw()));
      return;
    }
    if (value === null || value === undefined) return;
    const lineOf = (node: unknown) => {
      const range = (node as { range?: [number, number, number] } | null)?.range;
      return range ? lineCounter.linePos(range[0]).line : undefined;
    };
    const items = isMap(doc.contents) ? doc.contents.get('items', true) : undefined;
    docs.push({
      value,
      line: lineOf(doc.contents),
      ...(isSeq(items) ? { itemLines: items.items.map(lineOf) } : {}),
    });
  });
  return docs;
}

/**
 * The one kind a broken document's text names: a single `kind:` line at the top level (column 0) naming a built-in
 * kind that is not a List. Null (any kind) otherwise: no such line, several, a List, or a kind whose meaning needs
 * the apiVersion (a custom resource, or a typo of a built-in one).
 */
export function kindNamedIn(raw: string): string | null {
  const kinds = [...raw.matchAll(/^kind:(.*)$/gm)].map((m) =>
    m[1]
      .replace(/\s#.*$/, '')
      .trim()
      .replace(/^(["'])(.*)\1$/, '$2'),
  );
  if (kinds.length !== 1) return null;
  const [kind] = kinds;
  return KNOWN_KINDS.has(kind) && !kind.endsWith('List') ? kind : null;
}

/** The one kind a parsed object that could not be used may be (as kindNamedIn), or null for any kind. */
function kindOfObject(kind: string | undefined, apiVersion: string | undefined): string | null {
  if (!kind || kind.endsWith('List')) return null;
  if (!apiVersion) return KNOWN_KINDS.has(kind) ? kind : null;
  const builtin = BUILTIN_KINDS[groupOf(apiVersion)];
  return builtin && !builtin.includes(kind) ? null : kind;
}

const groupOf = (apiVersion: string) =>
  apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : 'v1';

function addObject(doc: unknown, file: string, r: Reading, line?: number, itemLines?: (number | undefined)[]): void {
  const { out, builder } = r;
  if (!isObj(doc)) {
    inputError(r, file, 'a document is not a Kubernetes object (expected a mapping)', null);
    return;
  }
  const kind = typeof doc.kind === 'string' ? doc.kind : undefined;
  const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : undefined;
  if (kind && /List$/.test(kind) && Array.isArray(doc.items)) {
    doc.items.forEach((item, i) => {
      const at = itemLines?.[i];
      // Items of a typed list (`PodList`) may omit kind and apiVersion.
      if (isObj(item) && !item.kind && kind !== 'List') {
        addObject({ ...item, kind: kind.slice(0, -4), apiVersion: item.apiVersion ?? apiVersion }, file, r, at);
      } else {
        addObject(item, file, r, at);
      }
    });
    return;
  }
  if (!kind || !apiVersion) {
    inputError(
      r,
      file,
      `an object without ${!kind ? 'kind' : 'apiVersion'} was skipped`,
      kindOfObject(kind, apiVersion),
    );
    return;
  }
  const meta = isObj(doc.metadata) ? doc.metadata : {};
  if (typeof meta.name !== 'string' || meta.name === '') {
    inputError(r, file, `a ${clip(kind)} without metadata.name was skipped`, kindOfObject(kind, apiVersion));
    return;
  }
  const builtin = BUILTIN_KINDS[groupOf(apiVersion)];
  if (builtin && !builtin.includes(kind)) {
    inputError(
      r,
      file,
      `unknown kind "${clip(kind)}" for apiVersion ${clip(apiVersion)} (${clip(meta.name)}) was skipped`,
      null,
    );
    return;
  }
  const problem = refusedBy(kind, apiVersion, doc);
  if (problem !== null) {
    const ref = resourceOf(kind, meta);
    const where = ref.namespace === undefined ? '' : `${clip(ref.namespace)}/`;
    inputError(r, file, `${kind} ${where}${clip(ref.name)} was skipped, the API server refuses it: ${problem}`, kind);
    return;
  }
  out.objects++;
  out.sources.push({
    resource: resourceOf(kind, meta),
    source: { file: toPosix(r.prefix ? join(r.prefix, file) : file), ...(line !== undefined ? { line } : {}) },
  });
  if (!builder.add(doc, file)) out.ignored[kind] = (out.ignored[kind] ?? 0) + 1;
}

/** Why the API server would refuse an object of a kind whose fields the facts read closely; null otherwise. */
function refusedBy(kind: string, apiVersion: string, doc: Obj): string | null {
  if (kind === 'NetworkPolicy') return networkPolicyProblem(doc);
  return groupOf(apiVersion) === 'rbac.authorization.k8s.io' ? rbacProblem(kind, doc) : null;
}

/** The object as results name it: namespaced kinds in their namespace ("default" when none is given). */
function resourceOf(kind: string, meta: Obj): ResourceRef {
  const name = meta.name as string;
  const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : undefined;
  if (NAMESPACED.has(kind)) return { kind, namespace: ns ?? 'default', name };
  if (CLUSTER_SCOPED.has(kind) || ns === undefined) return { kind, name };
  return { kind, namespace: ns, name };
}

/**
 * The folder's path from the working folder, when it is inside it: positions are then paths from where the scan ran
 * (a repository's root in CI). Otherwise positions are relative to the folder itself.
 */
function positionPrefix(dir: string, relativeTo: string | undefined): string {
  const fromCwd = isAbsolute(dir) ? (relativeTo && isAbsolute(relativeTo) ? relative(relativeTo, dir) : '') : dir;
  if (fromCwd === '' || isAbsolute(fromCwd)) return '';
  const n = normalize(fromCwd);
  if (n === '.' || n === `.${sep}` || n === '..' || n.startsWith(`..${sep}`)) return '';
  return n.endsWith(sep) ? n.slice(0, -1) : n;
}

const toPosix = (p: string) => p.split(sep).join('/');

/** A field quoted in a message, cut short: a message names the object, it does not copy the manifest. */
const clip = (v: string) => (v.length > 80 ? `${v.slice(0, 80)}…` : v);

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * The manifest files under `dir` (a real path inside the root), in name order. Folders are listed once by real path,
 * so link loops end; links are followed only to real paths inside the root. A sub-folder that cannot be listed is an
 * input error for every kind: unreadable is not empty. Throws when the root itself cannot be listed.
 */
async function listFiles(r: Reading, dir: string, relDir: string): Promise<Candidate[]> {
  r.visitedDirs.add(dir);
  let entries: Dirent[];
  try {
    entries = await r.fs.readdir(dir);
  } catch (err) {
    if (relDir === '') throw err;
    inputError(r, relDir, `cannot read folder: ${describeFsError(err as NodeJS.ErrnoException)}`, null);
    return [];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: Candidate[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    const rel = relDir ? join(relDir, e.name) : e.name;
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !r.visitedDirs.has(path)) out.push(...(await listFiles(r, path, rel)));
    } else if (e.isSymbolicLink()) {
      out.push(...(await followLink(r, path, rel, e.name)));
    } else if (MANIFEST_FILE.test(e.name)) {
      // Devices, FIFOs and sockets with a manifest's name are refused when read, without being opened.
      out.push({ rel, path });
    }
  }
  return out;
}

async function followLink(r: Reading, path: string, rel: string, name: string): Promise<Candidate[]> {
  const manifestName = MANIFEST_FILE.test(name);
  let real: string;
  try {
    real = await r.fs.realpath(path);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    // A dangling link holds nothing; one named like a manifest, or one that cannot be resolved, may hide objects.
    if (e.code === 'ENOENT' && !manifestName) {
      r.out.problems.push({ file: rel, level: 'note', message: 'symbolic link to nothing; skipped' });
    } else {
      inputError(r, rel, `cannot follow symbolic link: ${describeFsError(e)}`, null);
    }
    return [];
  }
  let st: Stats | undefined;
  try {
    st = await r.fs.stat(real);
  } catch (err) {
    if (manifestName) inputError(r, rel, `cannot read: ${describeFsError(err as NodeJS.ErrnoException)}`, null);
    return [];
  }
  if (!st.isDirectory() && !manifestName) return [];
  if (!inside(r.root, real)) {
    inputError(r, rel, 'symbolic link to a path outside the manifests folder; not followed', null);
    return [];
  }
  if (!st.isDirectory()) return [{ rel, path: real }];
  if (SKIP_DIRS.has(name)) return [];
  if (r.visitedDirs.has(real)) {
    r.out.problems.push({ file: rel, level: 'note', message: 'symbolic link to a folder already read; skipped' });
    return [];
  }
  return listFiles(r, real, rel);
}

function describeFsError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err.message;
  }
}

/** A cluster target read from manifests. Problems go to `onProblem` (the CLI turns errors into exit code 2). */
export function manifestsCollector(
  dir: string,
  name: string,
  onProblem: (p: ManifestProblem) => void = () => {},
  opts: Pick<ReadOptions, 'relativeTo'> = {},
): TargetCollector {
  const target = { name, kind: 'cluster' as const };
  return {
    target,
    async collect(ctx) {
      const read = await readManifests(dir, ctx, opts);
      const inputErrors = read.problems.filter((p) => p.level === 'error').map((p) => `${p.file}: ${p.message}`);
      for (const p of read.problems) {
        onProblem(p);
        ctx.reporter.warn(`${p.file}: ${p.message}`);
      }
      ctx.reporter.progress(`${name}: ${read.objects} objects from ${read.files} files`);
      const anon = 'not available from manifests: needs a live API server';
      return {
        target,
        ...(inputErrors.length > 0 ? { inputErrors } : {}),
        ...(read.sources.length > 0 ? { sources: read.sources } : {}),
        facts: {
          ...read.facts,
          'k8s.anonymousProbe': { ok: false, reason: anon },
          'k8s.apiserverTls': { ok: false, reason: anon },
          'k8s.tlsEndpoints': { ok: false, reason: anon },
          // Manifests keep no Secret data (the reader drops it): TLS Secret certificates need a live cluster.
          'k8s.tlsSecrets': { ok: false, reason: anon },
        },
      };
    },
  };
}
