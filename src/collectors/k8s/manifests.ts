/**
 * Reads a folder of Kubernetes manifests (a cluster dump, a GitOps repository, `kubectl get … -o yaml` output) into
 * cluster facts: YAML and JSON, recursively, multi-document files and `List` kinds. A bad file is reported with its
 * name and the rest is read.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { TargetFacts } from '../../core/model';
import { cleanUntrusted, PROTO_KEY } from '../../core/safe-object';
import type { CollectContext, TargetCollector } from '../types';
import { KubeFactBuilder } from './reduce';

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

/** Reads every manifest under `dir`. Throws only when `dir` itself cannot be read. */
export async function readManifests(dir: string, ctx?: Pick<CollectContext, 'reporter'>): Promise<ManifestsRead> {
  const info = await stat(dir).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`cannot read manifests folder ${dir}: ${describeFsError(err)}`);
  });
  const builder = new KubeFactBuilder({ source: 'manifests' });
  const out: ManifestsRead = { facts: {}, problems: [], files: 0, objects: 0, ignored: {} };
  const files = info.isDirectory() ? await listFiles(dir, dir, out.problems) : [dir];
  const root = info.isDirectory() ? dir : join(dir, '..');
  for (const file of files) {
    const rel = relative(root, file) || basename(file);
    out.files++;
    if (out.files % 200 === 0) ctx?.reporter.progress(`read ${out.files} of ${files.length} manifest files`);
    let text: string;
    try {
      const st = await stat(file);
      if (st.size > MAX_FILE_BYTES) {
        out.problems.push({
          file: rel,
          level: 'error',
          message: `larger than ${MAX_FILE_BYTES / 1048576} MiB; not read`,
        });
        continue;
      }
      text = await readFile(file, 'utf8');
    } catch (err) {
      out.problems.push({
        file: rel,
        level: 'error',
        message: `cannot read: ${describeFsError(err as NodeJS.ErrnoException)}`,
      });
      continue;
    }
    for (const doc of parseFile(text, rel, out.problems)) addObject(doc, rel, builder, out);
  }
  out.facts = builder.finish();
  return out;
}

function parseFile(text: string, file: string, problems: ManifestProblem[]): unknown[] {
  if (/\.json$/i.test(file)) {
    try {
      return [cleanUntrusted(JSON.parse(text), PROTO_KEY).value];
    } catch (err) {
      problems.push({ file, level: 'error', message: `invalid JSON: ${(err as Error).message}` });
      return [];
    }
  }
  const docs: unknown[] = [];
  const parsed = parseAllDocuments(text, { prettyErrors: false });
  const list = Array.isArray(parsed) ? parsed : [parsed];
  list.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const line = e.linePos?.[0]?.line;
      problems.push({
        file,
        level: 'error',
        message: `invalid YAML${list.length > 1 ? ` in document ${i + 1}` : ''}${line ? ` at line ${line}` : ''}: ${e.message.split('\n')[0]}`,
      });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      // An alias bomb (the alias limit) or a bad alias: this document is skipped, the rest of the folder is read.
      problems.push({
        file,
        level: 'error',
        message: `unreadable YAML${list.length > 1 ? ` in document ${i + 1}` : ''}: ${(err as Error).message}`,
      });
      return;
    }
    if (value !== null && value !== undefined) docs.push(cleanUntrusted(value, PROTO_KEY).value);
  });
  return docs;
}

function addObject(doc: unknown, file: string, builder: KubeFactBuilder, out: ManifestsRead): void {
  if (!isObj(doc)) {
    out.problems.push({ file, level: 'error', message: 'a document is not a Kubernetes object (expected a mapping)' });
    return;
  }
  const kind = typeof doc.kind === 'string' ? doc.kind : undefined;
  const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : undefined;
  if (kind && /List$/.test(kind) && Array.isArray(doc.items)) {
    for (const item of doc.items) {
      // Items of a typed list (`PodList`) may omit kind and apiVersion.
      if (isObj(item) && !item.kind && kind !== 'List') {
        addObject({ ...item, kind: kind.slice(0, -4), apiVersion: item.apiVersion ?? apiVersion }, file, builder, out);
      } else {
        addObject(item, file, builder, out);
      }
    }
    return;
  }
  if (!kind || !apiVersion) {
    out.problems.push({
      file,
      level: 'error',
      message: `an object without ${!kind ? 'kind' : 'apiVersion'} was skipped`,
    });
    return;
  }
  const meta = isObj(doc.metadata) ? doc.metadata : {};
  if (typeof meta.name !== 'string' || meta.name === '') {
    out.problems.push({ file, level: 'error', message: `a ${kind} without metadata.name was skipped` });
    return;
  }
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : 'v1';
  const builtin = BUILTIN_KINDS[group];
  if (builtin && !builtin.includes(kind)) {
    out.problems.push({
      file,
      level: 'error',
      message: `unknown kind "${kind}" for apiVersion ${apiVersion} (${meta.name}) was skipped`,
    });
    return;
  }
  out.objects++;
  if (!builder.add(doc, file)) out.ignored[kind] = (out.ignored[kind] ?? 0) + 1;
}

async function listFiles(root: string, dir: string, problems: ManifestProblem[]): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (dir === root)
      throw new Error(`cannot read manifests folder ${dir}: ${describeFsError(err as NodeJS.ErrnoException)}`);
    problems.push({
      file: relative(root, dir),
      level: 'error',
      message: `cannot read folder: ${describeFsError(err as NodeJS.ErrnoException)}`,
    });
    return [];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) out.push(...(await listFiles(root, p, problems)));
    } else if ((e.isFile() || e.isSymbolicLink()) && MANIFEST_FILE.test(e.name)) {
      out.push(p);
    }
  }
  return out;
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
    default:
      return err.message;
  }
}

/** A cluster target read from manifests. Problems go to `onProblem` (the CLI turns errors into exit code 2). */
export function manifestsCollector(
  dir: string,
  name: string,
  onProblem: (p: ManifestProblem) => void = () => {},
): TargetCollector {
  const target = { name, kind: 'cluster' as const };
  return {
    target,
    async collect(ctx) {
      const read = await readManifests(dir, ctx);
      for (const p of read.problems) {
        onProblem(p);
        ctx.reporter.warn(`${p.file}: ${p.message}`);
      }
      ctx.reporter.progress(`${name}: ${read.objects} objects from ${read.files} files`);
      const anon = 'not available from manifests: needs a live API server';
      return {
        target,
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
