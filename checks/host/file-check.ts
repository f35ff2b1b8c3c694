/**
 * Turns one row of file-controls.ts into a check on the host's files: one result per file (or one for a whole
 * folder), `not-applicable` only when the probe proved the files absent, `unknown` when a file could not be seen.
 */
import { defineCheck } from '../../src/core/check';
import type { HostFile, HostKubelet } from '../../src/core/facts/host';
import type { AnyCheck, Fact, Finding } from '../../src/core/model';
import { cis } from '../k8s/tls/common';
import type { FileControl } from './file-controls';

const fileResource = (path: string) => ({ kind: 'File', name: path });

/** Octal, at least three digits, as `ls -l` users read it. */
const octal = (n: number) => n.toString(8).padStart(3, '0');

function ownerOf(f: HostFile, c: FileControl): { ok: boolean; shown: string } {
  if (c.owner.user === 'root' && c.owner.group === 'root') {
    return { ok: f.uid === 0 && f.gid === 0, shown: `UID ${f.uid}, GID ${f.gid}` };
  }
  const shown = `${f.user ?? `UID ${f.uid}`}:${f.group ?? `GID ${f.gid}`}`;
  return { ok: f.user === c.owner.user && f.group === c.owner.group, shown };
}

/** Problems with one file, as phrases; empty when it meets the row. */
function problems(f: HostFile & { mode: string }, c: FileControl): string[] {
  const out: string[] = [];
  const mode = Number.parseInt(f.mode, 8);
  if (c.maxMode !== undefined && (mode & 0o7777 & ~c.maxMode) !== 0) {
    out.push(`mode ${f.mode} is more permissive than ${octal(c.maxMode)}`);
  }
  const owner = ownerOf(f, c);
  if (!owner.ok) out.push(`it is owned by ${owner.shown}, not ${c.owner.user}:${c.owner.group}`);
  return out;
}

/** When the probe reported none of the row's files. */
function none(c: FileControl, host: string, kubeletFact: Fact<HostKubelet> | undefined): Finding {
  const resource = { kind: 'Host', name: host };
  if (c.whenNone === 'probe') {
    return {
      status: 'unknown',
      resource,
      message: `Could not assess ${c.what} on ${host}: the host probe did not report it.`,
    };
  }
  if (!kubeletFact?.ok) {
    const why = kubeletFact ? kubeletFact.reason : 'the kubelet was not assessed';
    return {
      status: 'unknown',
      resource,
      message: `Could not assess ${c.what} on ${host}: none was found and ${why}.`,
    };
  }
  const k = kubeletFact.value;
  if (!k.present) {
    return {
      status: 'not-applicable',
      resource,
      message: `${host} runs no kubelet, so it has no ${c.what.replace(/^the /, '')}.`,
    };
  }
  if (c.whenNone === 'kubelet-config' && !k.configPath && k.flags !== null) {
    return {
      status: 'not-applicable',
      resource,
      message: `The kubelet on ${host} runs without a configuration file (no --config, none at the usual places).`,
    };
  }
  return {
    status: 'unknown',
    resource,
    message: `Could not assess ${c.what} on ${host}: a kubelet runs but the probe found none at the usual places.`,
  };
}

export function fileCheck(c: FileControl): AnyCheck {
  return defineCheck({
    id: `host.files.${c.id}`,
    title: c.title,
    severity: c.severity,
    category: 'host',
    targetKind: 'host',
    benchmarks: c.controls.map(cis),
    remediation: c.remediation,
    requires: ['host.files'],
    uses: ['host.kubelet'],
    evaluate: ({ facts, target, optional }): Finding[] => {
      const host = target.name;
      const files = facts['host.files'].filter((f) => c.select(f));
      if (files.length === 0) return [none(c, host, optional['host.kubelet'])];
      const present = files.filter((f) => !f.absent);
      if (present.length === 0) {
        return files.map((f) => ({
          status: 'not-applicable',
          resource: fileResource(f.path),
          message: `${f.path} does not exist on ${host}.`,
          evidence: { absent: true, role: f.role },
        }));
      }
      const findings: Finding[] = [];
      const passed: HostFile[] = [];
      for (const f of present) {
        if (f.error || f.mode === undefined || f.uid === undefined || f.gid === undefined) {
          findings.push({
            status: 'unknown',
            resource: fileResource(f.path),
            message: `Could not assess ${f.path} on ${host}: ${f.error ?? 'no mode or owner'}.`,
          });
          continue;
        }
        const evidence = {
          mode: f.mode,
          uid: f.uid,
          gid: f.gid,
          ...(f.user !== undefined ? { user: f.user } : {}),
          ...(f.group !== undefined ? { group: f.group } : {}),
          role: f.role,
        };
        const bad = problems({ ...f, mode: f.mode }, c);
        if (bad.length > 0) {
          findings.push({
            status: 'fail',
            resource: fileResource(f.path),
            message: `${f.path} on ${host}: ${bad.join('; ')}.`,
            evidence,
          });
        } else if (c.aggregate) passed.push(f);
        else {
          findings.push({
            status: 'pass',
            resource: fileResource(f.path),
            message: `${f.path} on ${host} is owned by ${c.owner.user}:${c.owner.group}${c.maxMode !== undefined ? ` with mode ${f.mode}` : ''}.`,
            evidence,
          });
        }
      }
      // A folder passes as a whole only when the folder itself and every entry in it were seen and none failed.
      if (c.aggregate && findings.length === 0) {
        const folder = c.aggregate;
        findings.push(
          passed.some((f) => f.path === folder)
            ? {
                status: 'pass',
                resource: fileResource(folder),
                message: `${folder} and the ${passed.length - 1} entries under it on ${host} are owned by ${c.owner.user}:${c.owner.group}.`,
                evidence: { entries: passed.length },
              }
            : {
                status: 'unknown',
                resource: fileResource(folder),
                message: `Could not assess ${folder} on ${host}: the host probe did not report the folder itself, so its listing is not known to be complete.`,
              },
        );
      }
      return findings;
    },
  });
}
