/**
 * Read-only answers from the store, shared by the worker (`status`, `diff`) and the CLI (`notify`): the latest
 * snapshot of each scope, and its diff against the one before, recomputed with the same `compare()` the scan used.
 */
import { compare } from '../core/diff';
import { FRAMEWORK_DATA, findFramework } from '../core/frameworks/data';
import { machineLabel, namesMachine } from '../core/machine';
import { type Diff, SEVERITIES, type Severity, type Snapshot, severityRank, type Waiver } from '../core/model';
import type { FrameworkPosture } from '../core/summary';
import { frameworkPostureMrkdwn, notRecordedMrkdwn, PostureTracker, postureFallback } from '../report/digest-posture';
import { type Block, clip, escapeMrkdwn, LIMITS } from '../report/slack-blocks';
import type { SnapshotStore } from '../store/types';

export interface LatestDiff {
  snapshot: Snapshot;
  diff: Diff;
}

/** The latest snapshot of a scope and its diff against the previous one (a baseline when there is none). */
export async function latestDiff(
  store: SnapshotStore,
  scope: string,
  waivers: readonly Waiver[],
  now: Date,
): Promise<LatestDiff | null> {
  const refs = await store.list(scope);
  if (refs.length === 0) return null;
  // Newest readable first; a corrupt newest snapshot is skipped (the store reports it).
  let latestIdx = refs.length - 1;
  let latest: Snapshot | null = null;
  for (; latestIdx >= 0 && latest === null; latestIdx--) {
    try {
      latest = (await store.get(refs[latestIdx])).snapshot;
    } catch {
      latest = null;
    }
  }
  if (latest === null) return null;
  let previous: Snapshot | null = null;
  for (let i = latestIdx; i >= 0 && previous === null; i--) {
    try {
      previous = (await store.get(refs[i])).snapshot;
    } catch {
      previous = null;
    }
  }
  const { diff } = compare(
    previous,
    { startedAt: latest.startedAt, targets: latest.targets, checks: latest.checks, results: latest.results },
    waivers,
    now,
  );
  return { snapshot: latest, diff };
}

export async function latestDiffs(store: SnapshotStore, waivers: readonly Waiver[], now: Date): Promise<LatestDiff[]> {
  const out: LatestDiff[] = [];
  for (const scope of (await store.scopes()).sort()) {
    const d = await latestDiff(store, scope, waivers, now);
    if (d) out.push(d);
  }
  return out;
}

/** `status`: one line per scope: when, targets assessed, open findings by severity. */
export function statusMessage(snapshots: readonly Snapshot[], now: Date): { text: string; blocks: Block[] } {
  if (snapshots.length === 0) {
    return {
      text: 'No snapshots yet: run `/compliance scan`.',
      blocks: [section('No snapshots yet: run `/compliance scan`.')],
    };
  }
  const lines = snapshots.map((s) => {
    const open = new Map<Severity, number>();
    for (const r of s.results)
      if (r.status === 'fail' && !r.waiver) open.set(r.severity, (open.get(r.severity) ?? 0) + 1);
    const total = [...open.values()].reduce((a, b) => a + b, 0);
    const counts = SEVERITIES.filter((sev) => open.has(sev))
      .map((sev) => `${open.get(sev)} ${sev}`)
      .join(', ');
    const assessed = s.targets.filter((t) => t.status === 'assessed').length;
    const down = s.targets.filter((t) => t.status === 'unreachable').length;
    const unknown = s.results.filter((r) => r.status === 'unknown').length;
    const ageH = Math.max(0, Math.round((now.getTime() - Date.parse(s.finishedAt)) / 3_600_000));
    return (
      `*${escapeMrkdwn(s.scope)}*: ${total === 0 ? 'no open findings' : `${total} open (${counts})`} · ` +
      `${assessed}/${s.targets.length} targets assessed${down > 0 ? `, ${down} unreachable` : ''}` +
      `${unknown > 0 ? ` · ${unknown} results unknown` : ''} · scanned ${ageH} h ago (\`${s.scanId}\`)`
    );
  });
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: 'Compliance status' } }];
  let chunk: string[] = [];
  for (const l of lines) {
    if ([...chunk, l].join('\n').length > LIMITS.sectionText) {
      blocks.push(section(chunk.join('\n')));
      chunk = [];
    }
    chunk.push(clip(l, LIMITS.sectionText));
  }
  if (chunk.length > 0) blocks.push(section(chunk.join('\n')));
  return {
    text: `Compliance status of ${snapshots.length} scope(s).`,
    blocks: blocks.slice(0, LIMITS.blocksPerMessage),
  };
}

/**
 * `posture [FRAMEWORK]`: each framework's controls by status at the latest scan of every scope, as the digest shows
 * them (src/report/digest-posture.ts); `frameworks` null: the scope's counts are not recorded.
 */
export function postureMessage(
  scopes: readonly { scope: string; at: string; frameworks: FrameworkPosture[] | null }[],
  framework?: string,
): { text: string; blocks: Block[] } {
  if (scopes.length === 0) {
    return {
      text: 'No snapshots yet: run `/compliance scan`.',
      blocks: [section('No snapshots yet: run `/compliance scan`.')],
    };
  }
  const tracker = new PostureTracker();
  for (const s of scopes) tracker.add(s.scope, null, { startedAt: s.at, frameworks: s.frameworks ?? undefined });
  const posture = tracker.finish(FRAMEWORK_DATA.map((f) => f.id));
  const shown = posture.frameworks.filter((f) => framework === undefined || f.id === framework);
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: 'Compliance posture' } }];
  for (const f of shown.slice(0, 8)) blocks.push(section(frameworkPostureMrkdwn(f, 'UTC', 25)));
  if (shown.length === 0) {
    const f = framework ? findFramework(framework) : undefined;
    const name = f ? `${f.framework} ${f.version}` : (framework ?? 'any framework');
    blocks.push(
      section(
        `No scope counts ${escapeMrkdwn(name)} at its latest scan: \`schedules.digest.frameworks\` and each scope's kind of target decide which frameworks a scope counts.`,
      ),
    );
  }
  if (posture.notRecorded.length > 0) blocks.push(section(notRecordedMrkdwn(posture.notRecorded)));
  return {
    text: clip(
      `Compliance posture of ${scopes.length} scope(s).${escapeMrkdwn(postureFallback({ ...posture, frameworks: shown }))}`,
      LIMITS.fallbackText,
    ),
    blocks,
  };
}

/** Findings listed per machine in a `host` answer; the rest are counted. */
const HOST_FINDINGS_SHOWN = 15;

/**
 * `host NAME`: one machine's latest findings, found by any of its names (target name, EC2 instance ID, SSM
 * managed-instance ID, Node name) in the latest snapshot of every scope. A machine that could not be assessed says so.
 */
export function hostMessage(snapshots: readonly Snapshot[], name: string): { text: string; blocks: Block[] } {
  const lines: string[] = [];
  for (const s of snapshots) {
    for (const t of s.targets) {
      if (t.kind !== 'host' || !namesMachine(name, t.name, t.identity)) continue;
      const label = escapeMrkdwn(machineLabel(t.name, t.identity));
      const results = s.results.filter((r) => r.target === t.name);
      const open = results
        .filter((r) => r.status === 'fail' && !r.waiver)
        .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.checkId.localeCompare(b.checkId));
      const unknown = results.filter((r) => r.status === 'unknown').length;
      const state =
        t.status === 'unreachable'
          ? `:warning: *not assessed*: ${escapeMrkdwn(t.reason ?? 'unreachable')}`
          : `${open.length === 0 ? 'no open findings' : `${open.length} open`}${unknown > 0 ? ` · ${unknown} unknown` : ''}${t.status === 'partial' ? ' · partly assessed' : ''}`;
      lines.push(`*${label}* in *${escapeMrkdwn(s.scope)}* (\`${s.scanId}\`): ${state}`);
      for (const r of open.slice(0, HOST_FINDINGS_SHOWN)) {
        lines.push(`• ${r.severity} \`${r.checkId}\` ${escapeMrkdwn(clip(r.message, 300))} (\`${r.fingerprint}\`)`);
      }
      if (open.length > HOST_FINDINGS_SHOWN) lines.push(`• …and ${open.length - HOST_FINDINGS_SHOWN} more`);
    }
  }
  if (lines.length === 0) {
    const text = `No machine named ${escapeMrkdwn(name)} in the latest snapshots (instance ID, managed-instance ID or Node name).`;
    return { text, blocks: [section(text)] };
  }
  const blocks: Block[] = [];
  let chunk: string[] = [];
  for (const l of lines) {
    if ([...chunk, l].join('\n').length > LIMITS.sectionText) {
      blocks.push(section(chunk.join('\n')));
      chunk = [];
    }
    chunk.push(clip(l, LIMITS.sectionText));
  }
  if (chunk.length > 0) blocks.push(section(chunk.join('\n')));
  return { text: `Latest findings of ${name}.`, blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } };
}
