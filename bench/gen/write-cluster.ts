/**
 * Writes a generated cluster as API list bodies, one file per page (`<resource>.<page>.json`), exactly as a paged
 * list response looks (`{kind: PodList, apiVersion, metadata: {resourceVersion, continue, remainingItemCount},
 * items}`). The same files are the JSON.parse floor, the input of the file-based phases, and a `--manifests`
 * directory (List documents).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ClusterPlan, generateCluster, type KObj, RESOURCES, type ResourceName } from './cluster';

export interface ClusterIndex {
  objects: number;
  bytes: number;
  pageSize: number;
  namespaces: number;
  nodes: number;
  resources: { name: ResourceName; kind: string; items: number; pages: string[]; bytes: number }[];
}

/** Writes the pages under `dir/pages` (only list bodies there, so it can serve as a manifests folder) and `dir/index.json`. */
export function writeCluster(plan: ClusterPlan, dir: string, pageSize: number): ClusterIndex {
  const pagesDir = join(dir, 'pages');
  mkdirSync(pagesDir, { recursive: true });
  const index: ClusterIndex = {
    objects: 0,
    bytes: 0,
    pageSize,
    namespaces: plan.namespaces.length + 6,
    nodes: plan.nodes.length,
    resources: [],
  };
  const counts = new Map<ResourceName, number>();
  // First pass over a cheap count is not possible without generating twice: buffer one page at a time and fix up
  // `remainingItemCount` from the plan-independent total counted afterwards is not needed by any client; we write
  // `continue` tokens only.
  let current: { name: ResourceName; items: KObj[]; page: number; entry: ClusterIndex['resources'][number] } | null =
    null;
  let rv = 5_000_000;
  const flush = (last: boolean) => {
    if (!current || (current.items.length === 0 && current.page > 0)) return;
    const r = RESOURCES[current.name];
    const file = `${current.name}.${String(current.page).padStart(4, '0')}.json`;
    const body = JSON.stringify({
      kind: `${r.kind}List`,
      apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
      metadata: {
        resourceVersion: String(rv++),
        ...(last ? {} : { continue: Buffer.from(`${current.name}/${current.page + 1}`).toString('base64') }),
      },
      items: current.items,
    });
    writeFileSync(join(pagesDir, file), body);
    current.entry.pages.push(file);
    current.entry.bytes += Buffer.byteLength(body);
    index.bytes += Buffer.byteLength(body);
    current.items = [];
    current.page++;
  };
  for (const { resource, obj } of generateCluster(plan)) {
    if (!current || current.name !== resource) {
      flush(true);
      const entry: ClusterIndex['resources'][number] = {
        name: resource,
        kind: RESOURCES[resource].kind,
        items: 0,
        pages: [],
        bytes: 0,
      };
      index.resources.push(entry);
      current = { name: resource, items: [], page: 0, entry };
    }
    if (current.items.length === pageSize) flush(false);
    current.items.push(obj);
    current.entry.items++;
    index.objects++;
    counts.set(resource, (counts.get(resource) ?? 0) + 1);
  }
  flush(true);
  writeFileSync(join(dir, 'index.json'), JSON.stringify(index, null, 1));
  return index;
}
