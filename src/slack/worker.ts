/**
 * The worker: runs what a Slack request asked for (scan, status, diff, who-can, waive) outside Slack's 3 seconds,
 * then answers through the request's response_url (at most 5 uses within 30 minutes), falling back to
 * chat.postMessage in the channel (or the user's DM) when the answer needs more messages than the URL has uses
 * left, or when the URL has expired. A job runs at most once (Lambda may deliver an async event twice).
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../aws/logger';
import type { Config } from '../config/schema';
import { errorMessage } from '../core/errors';
import type { KRbac } from '../core/facts/k8s';
import { isFingerprint } from '../core/fingerprint';
import type { CheckMeta, Diff, Fact, Snapshot, Waiver } from '../core/model';
import { answerReach, parseEndpointSelector } from '../core/netpol/peers';
import { ALL_PORTS, parsePortQuery } from '../core/netpol/ports';
import { computeReach } from '../core/netpol/reach';
import { answerText } from '../core/netpol/reach-format';
import type { SummaryPosture } from '../core/posture';
import { type AccessQuery, RbacIndex, subjectLabel } from '../core/rbac/engine';
import { parseTarget } from '../core/rbac/request';
import { type Block, clip, escapeMrkdwn, LIMITS, type SlackMessage } from '../report/slack-blocks';
import { scopeFor } from '../scan/scopes';
import { type MarkerStore, once } from '../store/markers';
import type { RbacFactsStore } from '../store/rbac-facts';
import type { SnapshotStore, WaiverStore } from '../store/types';
import { answerVisibility } from './context';
import { errorText, postReport, ResponseUrl } from './delivery';
import type { ScanSelection } from './grammar';
import { jobKey, parseWorkerJob, type WorkerCommand, type WorkerJob } from './jobs';
import { reportMessages } from './notify';
import { hostMessage, latestDiffs, postureMessage, statusMessage } from './queries';

export interface WorkerDeps {
  config: Config;
  web: WebClient;
  markers: MarkerStore;
  snapshots: SnapshotStore;
  waivers: WaiverStore;
  /** Runs the scan of a selection, one scope per target (src/app/scan-scopes.ts), and returns each scope's result. */
  scan: (selection: ScanSelection) => Promise<ScopeScan[]>;
  /** RBAC facts of the configured clusters (a fresh collection), for `who-can`. */
  collectRbac?: (cluster?: string) => Promise<{ cluster: string; rbac: Fact<KRbac> }[]>;
  /** RBAC facts the scans stored: `who-can` answers from them when they are recent enough (slack.whoCan). */
  rbacFacts?: Pick<RbacFactsStore, 'latest'>;
  findCheck: (id: string) => CheckMeta | undefined;
  /** The control counts per framework the summaries keep (src/core/posture.ts), for `posture`. */
  posture?: SummaryPosture;
  logger: Logger;
  now: () => number;
  /** Where response URLs may point (default: Slack's hooks host). */
  responseUrlPrefixes?: readonly string[];
}

/** One scope of a scan: its snapshot and diff, or why it could not be scanned (the other scopes still were). */
export type ScopeScan = { snapshot: Snapshot; diff: Diff } | { scope: string; error: string };

export type WorkerOutcome =
  | { status: 'done'; via: 'response_url' | 'channel' | 'both'; messages: number }
  | { status: 'duplicate'; why: 'done' | 'in-progress' }
  | { status: 'invalid'; problem: string };

interface Answer {
  messages: SlackMessage[];
  visibility: 'ephemeral' | 'in_channel';
}

/** Runs one job. Invalid jobs are logged and dropped (retrying cannot fix them); failures are rethrown. */
export async function runWorkerJob(raw: unknown, deps: WorkerDeps): Promise<WorkerOutcome> {
  const parsed = parseWorkerJob(raw);
  if (!parsed.ok) {
    deps.logger.error('invalid worker job', { problem: parsed.problem });
    return { status: 'invalid', problem: parsed.problem };
  }
  const job = parsed.job;
  const log = deps.logger.child({ job: job.id, command: job.command.name, user: job.userId });
  const out = await once(deps.markers, jobKey(job), async () => {
    const answer = await answerOnce(job, deps, log);
    return deliver(job, answer, deps);
  });
  if (!out.ran) {
    log.info('duplicate job delivery skipped', { why: out.why });
    return { status: 'duplicate', why: out.why };
  }
  log.info('job done', { via: out.value.via, messages: out.value.messages });
  return out.value;
}

/**
 * The job's answer, computed once and kept beside its markers: when the delivery fails and Lambda retries, the
 * same answer is sent again instead of running the job again (a second scan would be compared with the first
 * one's snapshot and no longer show the regressions the first found: they would reach nobody).
 */
async function answerOnce(job: WorkerJob, deps: WorkerDeps, log: Logger): Promise<Answer> {
  const key = `${jobKey(job)}/answer`;
  const prior = await deps.markers.get(key);
  if (prior !== null) {
    try {
      const kept = JSON.parse(prior) as Answer;
      if (Array.isArray(kept.messages)) return kept;
    } catch {
      // unreadable: run the job again
    }
  }
  const answer = await execute(job, deps, log);
  if (!(await deps.markers.create(key, JSON.stringify(answer)))) {
    // Written by a delivery that raced this one (its claim went stale): send what it computed.
    const other = await deps.markers.get(key);
    if (other !== null) return JSON.parse(other) as Answer;
  }
  return answer;
}

async function execute(job: WorkerJob, deps: WorkerDeps, log: Logger): Promise<Answer> {
  const c = job.command;
  const now = new Date(deps.now());
  switch (c.name) {
    case 'scan': {
      let results: ScopeScan[];
      try {
        results = await deps.scan(c.selection);
      } catch (err) {
        log.error('scan failed', { error: err });
        return one(`:x: The scan could not run: ${mrkdwnError(errorMessage(err))}.`, answerVisibility(deps.config));
      }
      if (results.length === 0) return one(':information_source: Nothing to scan: no target matches.', 'ephemeral');
      const failed = results.filter((r) => 'error' in r);
      for (const f of failed) log.error('scope failed', { scope: f.scope, error: f.error });
      const failures = failed.map((f) => `${f.scope}: ${f.error}`).join('; ');
      const done = results.filter((r) => 'snapshot' in r);
      if (done.length === 0)
        return one(`:x: The scan could not run: ${mrkdwnError(failures)}.`, answerVisibility(deps.config));
      const messages = done.flatMap((r) =>
        reportMessages(r.snapshot, r.diff, deps.config.slack, remediationOf(deps), true),
      );
      if (failed.length > 0) {
        messages.push(...one(`:x: Not scanned: ${mrkdwnError(failures)}.`, 'ephemeral').messages);
      }
      return { messages, visibility: answerVisibility(deps.config) };
    }
    case 'status': {
      const snapshots: Snapshot[] = [];
      for (const scope of (await deps.snapshots.scopes()).sort()) {
        const latest = await deps.snapshots.latest(scope);
        if (latest) snapshots.push(latest.snapshot);
      }
      const m = statusMessage(snapshots, now);
      return { messages: [{ ...m, threaded: false }], visibility: answerVisibility(deps.config) };
    }
    case 'posture': {
      // The latest snapshot of each scope through the summaries' own derivation: the numbers the digest shows.
      const posture = deps.posture;
      const scopes: { scope: string; at: string; frameworks: ReturnType<SummaryPosture> | null }[] = [];
      for (const scope of (await deps.snapshots.scopes()).sort()) {
        const latest = await deps.snapshots.latest(scope);
        if (!latest) continue;
        const s = latest.snapshot;
        scopes.push({ scope, at: s.startedAt, frameworks: posture ? posture(s) : null });
      }
      const m = postureMessage(scopes, c.framework);
      return { messages: [{ ...m, threaded: false }], visibility: answerVisibility(deps.config) };
    }
    case 'diff': {
      const waivers = await deps.waivers.list();
      const diffs = await latestDiffs(deps.snapshots, waivers, now);
      if (diffs.length === 0) return one('No snapshots yet: run `/compliance scan`.', 'ephemeral');
      const messages = diffs.flatMap((d) =>
        reportMessages(d.snapshot, d.diff, deps.config.slack, remediationOf(deps), true),
      );
      return { messages, visibility: answerVisibility(deps.config) };
    }
    case 'host': {
      const snapshots: Snapshot[] = [];
      for (const scope of (await deps.snapshots.scopes()).sort()) {
        const latest = await deps.snapshots.latest(scope);
        if (latest) snapshots.push(latest.snapshot);
      }
      const m = hostMessage(snapshots, c.host);
      return { messages: [{ ...m, threaded: false }], visibility: answerVisibility(deps.config) };
    }
    case 'who-can':
      return whoCan(c, deps);
    case 'can-reach':
      return canReach(c, deps);
    case 'waive':
      return waive(job, c, deps, log);
  }
}

/** Candidates named when a fingerprint prefix is ambiguous. */
const MAX_WAIVE_CANDIDATES = 5;

function mrkdwnError(text: string): string {
  return escapeMrkdwn(clip(text, 500));
}

function remediationOf(deps: WorkerDeps) {
  return (id: string) => deps.findCheck(id)?.remediation;
}

function one(text: string, visibility: Answer['visibility']): Answer {
  return {
    messages: [
      {
        text: text.replace(/[*`]/g, ''),
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } }],
        threaded: false,
      },
    ],
    visibility,
  };
}

async function waive(
  job: WorkerJob,
  c: Extract<WorkerCommand, { name: 'waive' }>,
  deps: WorkerDeps,
  log: Logger,
): Promise<Answer> {
  // Only an open finding can be waived: look for it in the latest snapshot of its scope (or of every scope). The
  // fingerprint may be a prefix (reports show 10 characters): it must name exactly one open finding.
  const scopes = c.scope ? [c.scope] : (await deps.snapshots.scopes()).sort();
  const candidates = new Map<string, { fingerprint: string; checkId: string; target: string }>();
  for (const scope of scopes) {
    const latest = await deps.snapshots.latest(scope).catch(() => null);
    if (!latest) continue;
    const open = [...latest.snapshot.results.filter((x) => x.status === 'fail'), ...latest.snapshot.carried];
    for (const r of open) {
      if (r.fingerprint.startsWith(c.fingerprint)) candidates.set(r.fingerprint, r);
    }
  }
  const matches = [...candidates.values()];
  if (matches.length === 0) {
    return one(
      `:warning: No open finding has ${isFingerprint(c.fingerprint) ? 'fingerprint' : 'a fingerprint starting with'} \`${c.fingerprint}\` in the latest snapshots: nothing was waived.`,
      'ephemeral',
    );
  }
  if (matches.length > 1) {
    const named = matches
      .slice(0, MAX_WAIVE_CANDIDATES)
      .map((r) => `\`${r.fingerprint}\` (\`${escapeMrkdwn(r.checkId)}\` on ${escapeMrkdwn(r.target)})`);
    if (matches.length > MAX_WAIVE_CANDIDATES) named.push(`and ${matches.length - MAX_WAIVE_CANDIDATES} more`);
    return one(
      `:warning: \`${c.fingerprint}\` matches ${matches.length} open findings; give more characters: ${named.join(', ')}. Nothing was waived.`,
      'ephemeral',
    );
  }
  const found = matches[0];
  const now = deps.now();
  const waiver: Waiver = {
    fingerprint: found.fingerprint,
    reason: c.reason,
    expires: new Date(now + c.days * 86_400_000).toISOString(),
    createdBy: `slack:${job.userId}`,
    createdAt: new Date(now).toISOString(),
    checkId: found.checkId,
    target: found.target,
  };
  try {
    await deps.waivers.add(waiver);
  } catch (err) {
    log.warn('waiver refused by the store', { error: err });
    return one(`:warning: The waiver was not recorded: ${escapeMrkdwn(clip(errorMessage(err), 300))}.`, 'ephemeral');
  }
  log.info('waiver recorded', {
    audit: true,
    fingerprint: found.fingerprint,
    days: c.days,
    checkId: found.checkId,
    target: found.target,
  });
  return one(
    `:memo: <@${job.userId}> waived \`${escapeMrkdwn(found.checkId)}\` on *${escapeMrkdwn(found.target)}* (\`${found.fingerprint}\`) for ${c.days} days, until ${waiver.expires.slice(0, 10)}: “${escapeMrkdwn(c.reason)}”`,
    answerVisibility(deps.config),
  );
}

/**
 * `pods/exec` → resource pods, subresource exec; `deployments` → group apps; `deployments.apps` or
 * `apps/deployments` → group apps; `*` → every group (src/core/rbac/request.ts). The grammar has validated it.
 */
export function accessQuery(verb: string, resource: string, namespace?: string): AccessQuery {
  return { verb, ...parseTarget(resource), ...(namespace ? { namespace } : {}) };
}

/** Where a cluster's RBAC facts come from, said in the answer. */
interface RbacSource {
  cluster: string;
  rbac: Fact<KRbac>;
  /** Stored by a scan: its ID and how old the facts are; absent: collected for this answer. */
  stored?: { scanId: string; ageMs: number };
  /** Stored facts were found but were too old (their age), so they were collected afresh. */
  staleMs?: number;
}

/** "12 min", "3 h", "2 d 4 h". */
export function ageText(ms: number): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

/**
 * Each configured cluster's RBAC: the facts the last scan stored when they are at most slack.whoCan
 * .maxFactsAgeMinutes old, else a fresh collection of that cluster (and only that one).
 */
async function rbacSources(deps: WorkerDeps): Promise<RbacSource[]> {
  const maxAgeMs = (deps.config.slack?.whoCan.maxFactsAgeMinutes ?? 1440) * 60_000;
  const out: RbacSource[] = [];
  for (const c of deps.config.clusters.slice(0, 40)) {
    const scope = scopeFor('cluster', c.name, deps.config.scope);
    let staleMs: number | undefined;
    const stored = deps.rbacFacts
      ? await deps.rbacFacts.latest(scope).catch((err) => {
          deps.logger.warn('stored RBAC facts unreadable; collecting afresh', { scope, error: err });
          return null;
        })
      : null;
    if (stored && stored.target === c.name) {
      const ageMs = Math.max(0, deps.now() - Date.parse(stored.collectedAt));
      if (ageMs <= maxAgeMs) {
        out.push({ cluster: c.name, rbac: { ok: true, value: stored.rbac }, stored: { scanId: stored.scanId, ageMs } });
        continue;
      }
      staleMs = ageMs;
    }
    if (!deps.collectRbac) {
      out.push({ cluster: c.name, rbac: { ok: false, reason: 'no recent stored RBAC facts, and no collector here' } });
      continue;
    }
    const fresh = (await deps.collectRbac(c.name)).find((x) => x.cluster === c.name);
    out.push({
      cluster: c.name,
      rbac: fresh?.rbac ?? { ok: false, reason: 'RBAC was not collected' },
      ...(staleMs !== undefined ? { staleMs } : {}),
    });
  }
  return out;
}

function sourceText(s: RbacSource): string {
  if (s.stored) return `as of ${ageText(s.stored.ageMs)} ago (scan \`${s.stored.scanId}\`)`;
  if (s.staleMs !== undefined) return `collected just now (the stored facts were ${ageText(s.staleMs)} old)`;
  return 'collected just now';
}

async function whoCan(c: Extract<WorkerCommand, { name: 'who-can' }>, deps: WorkerDeps): Promise<Answer> {
  const visibility = answerVisibility(deps.config);
  if (!deps.collectRbac && !deps.rbacFacts)
    return one(':information_source: `who-can` is not available here: no cluster is configured for it.', 'ephemeral');
  const clusters = await rbacSources(deps);
  if (clusters.length === 0) return one(':information_source: No cluster is configured.', 'ephemeral');
  const q = accessQuery(c.verb, c.resource, c.namespace);
  const blocks: Block[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: clip(`Who can ${c.verb} ${c.resource}${c.namespace ? ` in ${c.namespace}` : ''}`, LIMITS.headerText),
      },
    },
  ];
  for (const source of clusters) {
    const { cluster, rbac } = source;
    if (!rbac.ok) {
      blocks.push(section(`*${escapeMrkdwn(cluster)}*: could not read RBAC: ${escapeMrkdwn(clip(rbac.reason, 300))}.`));
      continue;
    }
    // Built-in subjects are listed, marked: a binding that only looks built-in is exactly what to see here.
    const entries = new RbacIndex(rbac.value, { excludeSystemRbac: false }).whoCan(q);
    const lines = entries.slice(0, 60).map((e) => {
      const where = e.scopes.includes('*') ? 'cluster-wide' : `in ${e.scopes.join(', ')}`;
      const only = e.restrictedTo
        ? ` (only ${e.restrictedTo.slice(0, 5).join(', ')}${e.restrictedTo.length > 5 ? ', …' : ''})`
        : '';
      return `• ${escapeMrkdwn(subjectLabel(e.subject))} ${escapeMrkdwn(where)}${escapeMrkdwn(only)}${e.builtIn ? ' _(built-in)_' : ''}`;
    });
    const more = entries.length > 60 ? `\n…and ${entries.length - 60} more subjects.` : '';
    blocks.push(
      section(
        `*${escapeMrkdwn(cluster)}* (RBAC ${sourceText(source)}): ${entries.length} subject(s)\n${lines.join('\n')}${more}`,
      ),
    );
  }
  return {
    messages: [
      { text: `Who can ${c.verb} ${c.resource}.`, blocks: blocks.slice(0, LIMITS.blocksPerMessage), threaded: false },
    ],
    visibility,
  };
}

/**
 * `can-reach FROM TO [PORT]`, per configured cluster, from the network facts the latest scan stored beside its RBAC
 * facts (src/store/rbac-facts.ts), saying how old they are. Never a fresh collection: a question in Slack does not
 * list every workload of a cluster; without stored facts the answer says to scan first.
 */
async function canReach(c: Extract<WorkerCommand, { name: 'can-reach' }>, deps: WorkerDeps): Promise<Answer> {
  const visibility = answerVisibility(deps.config);
  if (!deps.rbacFacts)
    return one(':information_source: `can-reach` is not available here: no fact store.', 'ephemeral');
  let question: { from: ReturnType<typeof parseEndpointSelector>; to: ReturnType<typeof parseEndpointSelector> };
  let ports = ALL_PORTS;
  try {
    question = { from: parseEndpointSelector(c.from), to: parseEndpointSelector(c.to) };
    if (c.port !== undefined) ports = parsePortQuery(c.port);
  } catch (err) {
    return one(`:x: ${mrkdwnError(errorMessage(err))}.`, 'ephemeral');
  }
  const { from, to } = question;
  const blocks: Block[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: clip(`Can ${c.from} reach ${c.to}${c.port ? ` on ${c.port}` : ''}?`, LIMITS.headerText),
      },
    },
  ];
  const r = deps.config.checks.reach;
  for (const cluster of deps.config.clusters.slice(0, 40)) {
    const scope = scopeFor('cluster', cluster.name, deps.config.scope);
    const stored = await deps.rbacFacts.latest(scope).catch((err) => {
      deps.logger.warn('stored facts unreadable', { scope, error: err });
      return null;
    });
    if (!stored || stored.target !== cluster.name || !stored.network) {
      blocks.push(
        section(
          `*${escapeMrkdwn(cluster.name)}*: no stored network facts (the scans store them beside the RBAC facts): run \`/compliance scan cluster ${escapeMrkdwn(cluster.name)}\` first.`,
        ),
      );
      continue;
    }
    const age = ageText(Math.max(0, deps.now() - Date.parse(stored.collectedAt)));
    const map = computeReach(stored.network, { ipBlockMatchesPods: r.ipBlockMatchesPods, podCidrs: r.podCidrs });
    const answers = answerReach(map, from, to, ports);
    const text = answerText({ from, to, ports }, answers.slice(0, 20), map.unknowable(), '• ');
    const more =
      answers.length > 20
        ? `\n…and ${answers.length - 20} more pairs: \`compliance-bot can-reach\` lists them all.`
        : '';
    blocks.push(
      section(
        `*${escapeMrkdwn(cluster.name)}* (facts as of ${age} ago, scan \`${stored.scanId}\`):\n${escapeMrkdwn(text)}${more}`,
      ),
    );
  }
  return {
    messages: [
      { text: `Can ${c.from} reach ${c.to}?`, blocks: blocks.slice(0, LIMITS.blocksPerMessage), threaded: false },
    ],
    visibility,
  };
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } };
}

async function deliver(
  job: WorkerJob,
  answer: Answer,
  deps: WorkerDeps,
): Promise<Extract<WorkerOutcome, { status: 'done' }>> {
  const { messages } = answer;
  let url: ResponseUrl | null = null;
  if (job.responseUrl) {
    try {
      url = new ResponseUrl(job.responseUrl, job.requestedAt, {
        allowedPrefixes: deps.responseUrlPrefixes,
        now: deps.now,
      });
    } catch (err) {
      deps.logger.warn('response_url refused', { error: err });
    }
  }
  if (url && messages.length <= url.remaining()) {
    // Each message sent is marked: a retry after a failure half-way sends only the messages not yet delivered.
    for (const [i, m] of messages.entries()) {
      const sent = `${jobKey(job)}/url-${String(i).padStart(4, '0')}`;
      if ((await deps.markers.get(sent)) !== null) continue;
      await url.send({ text: m.text, blocks: m.blocks, response_type: answer.visibility, replace_original: false });
      await deps.markers.create(sent, '{}');
    }
    return { status: 'done', via: 'response_url', messages: messages.length };
  }
  // Too long for the response_url's remaining uses, or no usable URL: post in the channel (a thread), else a DM.
  let channel = answer.visibility === 'in_channel' && job.channelId ? job.channelId : job.userId;
  try {
    await postReport(deps.web, channel, messages, { markers: deps.markers, key: `${jobKey(job)}/posts` });
  } catch (err) {
    // The bot is not in that channel (it posts only where it was invited): answer the user directly instead.
    if (channel === job.userId || !/not_in_channel|channel_not_found|is_archived/.test(errorText(err))) throw err;
    deps.logger.warn('channel post refused; answering by direct message', { channel, error: err });
    channel = job.userId;
    await postReport(deps.web, channel, messages, { markers: deps.markers, key: `${jobKey(job)}/dm` });
  }
  if (url && url.remaining() > 0) {
    await url.send({
      text:
        channel === job.userId
          ? 'The answer is long: it was sent to you as a direct message.'
          : 'The answer is long: it was posted in this channel, with the rest in its thread.',
      response_type: 'ephemeral',
      replace_original: false,
    });
    return { status: 'done', via: 'both', messages: messages.length };
  }
  return { status: 'done', via: 'channel', messages: messages.length };
}
