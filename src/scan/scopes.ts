/**
 * Snapshot scopes: one per target, named the same by every entry point (nightly Lambda, Slack worker, CLI), so a scan
 * from anywhere extends the same snapshot series and diffs line up: `cluster/NAME` for a cluster, `hosts/GROUP` for a
 * configured host group, `host/HOSTNAME` for a single host scanned by the CLI; with the configuration's `scope`
 * (a deployment name) in front.
 */

import type { TargetSelection } from '../collectors/deps';
import type { Config } from '../config/schema';

export function scopeFor(kind: 'host' | 'cluster' | 'hosts', name: string, prefix?: string): string {
  const safe = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63);
  return `${prefix ? `${prefix}/` : ''}${kind}/${safe || 'unnamed'}`;
}

export interface ScopedSelection {
  scope: string;
  /** Exactly the targets of that scope. */
  selection: TargetSelection;
}

/** The per-target scopes a selection covers, in configuration order (hosts first, as collectors are built). */
export function scopedSelections(config: Config, selection: TargetSelection): ScopedSelection[] {
  const out: ScopedSelection[] = [];
  const wantHosts = selection.kind === 'all' || selection.kind === 'hosts' || selection.kind === 'hostGroup';
  const wantClusters = selection.kind === 'all' || selection.kind === 'clusters' || selection.kind === 'cluster';
  if (wantHosts) {
    for (const g of config.hostGroups) {
      if (selection.kind === 'hostGroup' && selection.name !== g.name) continue;
      out.push({ scope: scopeFor('hosts', g.name, config.scope), selection: { kind: 'hostGroup', name: g.name } });
    }
  }
  if (wantClusters) {
    for (const c of config.clusters) {
      if (selection.kind === 'cluster' && selection.name !== c.name) continue;
      out.push({ scope: scopeFor('cluster', c.name, config.scope), selection: { kind: 'cluster', name: c.name } });
    }
  }
  return out;
}
