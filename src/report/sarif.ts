/**
 * SARIF 2.1.0 (OASIS): one run, the checks as rules, failing results as results. Validated in tests against the
 * official schema (test/fixtures/sarif/sarif-schema-2.1.0.json).
 */
import type { FrameworkStatus } from '../core/frameworks/status';
import type { CheckMeta, Result, Severity } from '../core/model';
import { benchmarkLabel, checkIndex, cmp, diffIndex, sortResults } from './common';
import { frameworksJson } from './framework-status';
import { checkHelpUri, PROJECT_URL, resultArtifact } from './links';
import { mdTrusted } from './markdown';
import type { ReportInput, SarifOptions } from './types';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub code scanning ranks alerts by `security-severity` (a number as a string, 0.0–10.0). */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** Our fingerprint under a versioned name: a change of the fingerprint scheme gets a new key, never a silent clash. */
export const FINGERPRINT_KEY = 'complianceBot/v1';

type Json = Record<string, unknown>;

/** `host.ssh.root-login-disabled` -> `HostSshRootLoginDisabled` (SARIF: a name is an identifier a person can read). */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** `target/kind/namespace/name`, or `target/kind/name` for a resource without a namespace. */
export function fullyQualifiedName(r: Result): string {
  return [r.target, r.resource.kind, ...(r.resource.namespace ? [r.resource.namespace] : []), r.resource.name].join(
    '/',
  );
}

export function renderSarif(input: ReportInput, opts: SarifOptions = {}): string {
  const { snapshot, diff } = input;
  const includeUnknown = opts.includeUnknown ?? true;
  const find = checkIndex(input.checks);

  const emitted = sortResults(
    snapshot.results.filter((r) => r.status === 'fail' || (includeUnknown && r.status === 'unknown')),
  );

  // Rules: the whole catalogue (so a consumer knows what was checked), plus a minimal rule for any result whose
  // check is not in it (a ruleIndex must always point at a rule with the result's ruleId).
  const rules: CheckMeta[] = [...input.checks].sort((a, b) => cmp(a.id, b.id));
  const ruleIndex = new Map(rules.map((c, i) => [c.id, i] as const));
  const orphans = new Set<string>();
  for (const r of emitted) {
    const meta = find(r.checkId);
    if (meta) ruleIndex.set(r.checkId, ruleIndex.get(meta.id)!);
    else orphans.add(r.checkId);
  }
  const ruleObjects: Json[] = rules.map(sarifRule);
  for (const id of [...orphans].sort(cmp)) {
    ruleIndex.set(id, ruleObjects.length);
    ruleObjects.push({
      id,
      shortDescription: { text: id },
      helpUri: checkHelpUri(null),
      properties: { tags: ['security', 'compliance'] },
    });
  }

  // baselineState only means something when there was a baseline run to compare with (not on a first scan); then
  // every result carries one, so a viewer never has to guess what a missing value means.
  const compared = diff !== null && !diff.baseline;
  const index = diffIndex(diff);
  const targetKinds = new Map(snapshot.targets.map((t) => [t.name, t.kind] as const));

  const results = emitted.map((r): Json => {
    const id = r.checkId;
    const meta = find(id);
    const out: Json = { ruleId: meta?.id ?? id, ruleIndex: ruleIndex.get(id)! };
    if (r.status === 'fail') {
      out.kind = 'fail';
      out.level = sarifLevel(r.severity);
    } else {
      // An unknown result is SARIF's kind "open": "the rule was evaluated, and the tool concluded that there was
      // insufficient information to decide whether a problem exists" (§3.27.9). "review" would claim that a person
      // could decide from what we saw, which is not the case (the fact was never collected). Any kind other than
      // "fail" requires level "none" (§3.27.10), so the result never counts as a problem by level.
      out.kind = 'open';
      out.level = 'none';
    }
    out.message = { text: r.message };
    // GitHub code scanning refuses a whole file in which one result lacks a physical location with a line.
    const where = resultArtifact(r, targetKinds.get(r.target) ?? (r.checkId.startsWith('host.') ? 'host' : 'cluster'));
    out.locations = [
      {
        physicalLocation: { artifactLocation: { uri: where.uri }, region: { startLine: where.line } },
        logicalLocations: [{ name: r.resource.name, fullyQualifiedName: fullyQualifiedName(r), kind: 'resource' }],
      },
    ];
    out.partialFingerprints = { [FINGERPRINT_KEY]: r.fingerprint };
    if (compared) out.baselineState = baselineState(r, index);
    if (r.waiver) {
      // A waived finding is still a failing result, with a suppression that says who, why and until when. No
      // review state: the 2.1.0 schema calls it `state`, its errata (and the prose) `status`; absent, a suppression
      // is in effect, which is what a waiver is, and the log validates against both.
      out.suppressions = [
        {
          kind: 'external',
          justification: `${r.waiver.reason} (waived by ${r.waiver.createdBy} until ${r.waiver.expires})`,
          properties: { expires: r.waiver.expires, createdBy: r.waiver.createdBy },
        },
      ];
    }
    const props: Json = {
      target: r.target,
      resource: {
        kind: r.resource.kind,
        ...(r.resource.namespace ? { namespace: r.resource.namespace } : {}),
        name: r.resource.name,
      },
      severity: r.severity,
      'security-severity': SECURITY_SEVERITY[r.severity],
    };
    if (r.firstSeen) props.firstSeen = r.firstSeen;
    out.properties = props;
    return out;
  });

  // Targets that could not be (fully) assessed are tool execution notifications: never a silent gap.
  const notifications = [...snapshot.targets]
    .filter((t) => t.status !== 'assessed')
    .sort((a, b) => cmp(a.name, b.name))
    .map((t) => ({
      level: t.status === 'unreachable' ? 'error' : 'warning',
      message: { text: `Target ${t.name} (${t.kind}) is ${t.status}${t.reason ? `: ${t.reason}` : ''}.` },
      descriptor: { id: `target.${t.status}` },
    }));

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: snapshot.tool.name,
            informationUri: PROJECT_URL,
            version: snapshot.tool.version,
            semanticVersion: snapshot.tool.version,
            rules: ruleObjects,
          },
        },
        // GitHub code scanning takes what precedes the last "/" as the analysis category: one per scope.
        automationDetails: { id: `${snapshot.scope}/${snapshot.scanId}` },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: snapshot.startedAt,
            endTimeUtc: snapshot.finishedAt,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results,
        properties: {
          scope: snapshot.scope,
          scanId: snapshot.scanId,
          trigger: snapshot.trigger,
          ...(diff ? { baseline: diff.baseline, previousScanId: diff.previousScanId } : {}),
          ...(input.frameworks ? { frameworks: sarifFrameworks(input.frameworks) } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifRule(c: CheckMeta): Json {
  const benchmarks = c.benchmarks.map(benchmarkLabel);
  // Settings in code spans: a fix copied from GitHub's alert is the exact line.
  const markdown =
    mdTrusted(c.remediation) +
    (benchmarks.length > 0 ? `\n\n**Benchmarks:** ${benchmarks.map((b) => mdTrusted(b)).join('; ')}` : '');
  return {
    id: c.id,
    name: ruleName(c.id),
    shortDescription: { text: c.title },
    fullDescription: { text: `${c.title}${benchmarks.length > 0 ? ` (${benchmarks.join('; ')})` : ''}` },
    helpUri: checkHelpUri(c.id),
    defaultConfiguration: { level: sarifLevel(c.severity) },
    help: { text: c.remediation, markdown },
    properties: {
      severity: c.severity,
      category: c.category,
      targetKind: c.targetKind,
      benchmarks: c.benchmarks.map((b) => ({ framework: b.framework, version: b.version, control: b.control })),
      ...(c.aliases && c.aliases.length > 0 ? { aliases: [...c.aliases] } : {}),
      tags: ['security', 'compliance', c.category],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[c.severity],
    },
  };
}

/**
 * `new` for a regression of a new finding, `updated` when its severity rose, `unchanged` for a finding failing in
 * the baseline too (waived, unchanged, or its waiver expired). An unknown result is `unchanged` when it stands for
 * a finding that was failing (unassessed), otherwise `new`.
 */
function baselineState(r: Result, index: ReturnType<typeof diffIndex>): 'new' | 'unchanged' | 'updated' {
  const reg = index.regression.get(r.fingerprint);
  if (reg) return reg.reason === 'new' ? 'new' : reg.reason === 'severity-raised' ? 'updated' : 'unchanged';
  if (index.unchanged.has(r.fingerprint) || index.waived.has(r.fingerprint)) return 'unchanged';
  if (index.unassessed.has(r.fingerprint)) return 'unchanged';
  return r.status === 'fail' ? 'unchanged' : 'new';
}

/** Each control's status as run properties: SARIF has no place for controls, and a result per control would be a
 * finding no code scanning alert could be resolved by. */
function sarifFrameworks(statuses: readonly FrameworkStatus[]): Json[] {
  return frameworksJson(statuses).map((f) => ({
    id: f.id,
    framework: f.framework,
    version: f.version,
    counts: f.counts,
    controls: f.controls.map((c) => ({
      id: c.id,
      status: c.status,
      ...(c.failing.length > 0 ? { failing: c.failing } : {}),
      ...(c.reasons.length > 0 ? { reasons: c.reasons } : {}),
    })),
  }));
}
