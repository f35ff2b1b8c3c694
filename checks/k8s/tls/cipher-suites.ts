import { defineCheck } from '../../../src/core/check';
import { suiteList, weakSuites } from '../../../src/core/ciphers';
import type { ComponentInstance } from '../../../src/core/facts/k8s';
import type { Finding } from '../../../src/core/model';
import { cis, componentRef, instanceName, instanceRef, instancesOf, NSA_TLS } from './common';
import { apiserverProbe } from './probe';

type Weak = { name: string; strength: 'weak' | 'insecure' };

/** Flag problems of the instances of a component: weak suites listed, or no list (Go's defaults include CBC suites). */
function flagProblems(
  instances: ComponentInstance[],
  flag: string,
): { problems: string[]; weak: Weak[]; unset: string[] } {
  const problems: string[] = [];
  const weak: Weak[] = [];
  const unset: string[] = [];
  for (const i of instances) {
    const v = i.flags[flag];
    if (v === undefined || v.trim() === '') {
      unset.push(instanceName(i));
      continue;
    }
    const w = weakSuites(suiteList(v));
    if (w.length > 0) {
      weak.push(...w);
      problems.push(`--${flag} allows ${w.map((x) => x.name).join(', ')} (${instanceName(i)})`);
    }
  }
  return { problems, weak, unset };
}

const severityOf = (weak: readonly Weak[]) => (weak.some((w) => w.strength === 'insecure') ? 'high' : 'medium');

/**
 * The API server (live probe: weak suites offered one by one and accepted; `--tls-cipher-suites`) and etcd
 * (`--cipher-suites`). Without a list a Go server uses Go's defaults, which still include CBC suites: that fails
 * unless the live probe shows no weak suite accepted. The kubelet's suites live on the hosts: see
 * `k8s.tls.kubelet-cipher-suites`.
 */
export default defineCheck({
  id: 'k8s.tls.cipher-suites',
  title: 'The API server and etcd allow only strong TLS cipher suites',
  severity: 'medium',
  category: 'tls',
  targetKind: 'cluster',
  benchmarks: [cis('1.2.29'), NSA_TLS],
  remediation:
    'Set `--tls-cipher-suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,' +
    'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,' +
    'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,' +
    'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256` on kube-apiserver, and the ' +
    'same list as `--cipher-suites` on etcd. Remove CBC, RSA-key-exchange, 3DES and RC4 suites.',
  requires: ['k8s.controlPlane'],
  uses: ['k8s.apiserverTls'],
  evaluate({ facts, optional }) {
    const cp = facts['k8s.controlPlane'];
    const findings: Finding[] = [];

    // kube-apiserver: the live probe and the flags.
    {
      const resource = componentRef('kube-apiserver');
      const p = apiserverProbe(optional);
      const got = instancesOf(cp, 'kube-apiserver');
      const problems: string[] = [];
      const weak: Weak[] = [];
      const evidence: Record<string, unknown> = {};
      let probeClean = false;
      /** Weak suites whose handshake failed without a refusal (reset, timeout): nothing is known about them. */
      let noAnswer: string[] = [];
      if ('probe' in p) {
        const accepted = p.probe.ciphers.filter((c) => c.outcome === 'accepted');
        const tested = p.probe.ciphers.filter((c) => c.outcome === 'accepted' || c.outcome === 'refused');
        noAnswer = p.probe.ciphers.filter((c) => c.outcome === 'error').map((c) => c.name);
        evidence.probe = {
          endpoint: p.probe.endpoint,
          accepted: accepted.map((c) => c.name),
          untested: p.probe.ciphers.filter((c) => c.outcome === 'untested').map((c) => c.name),
          noAnswer,
        };
        if (accepted.length > 0) {
          weak.push(...accepted.map((c) => ({ name: c.name, strength: c.strength })));
          problems.push(`${p.probe.endpoint} accepts ${accepted.map((c) => c.name).join(', ')} (live probe)`);
        }
        // Suites this runtime cannot offer (RC4, 3DES) stay a known blind spot; a suite offered and not refused
        // by the server is not.
        probeClean = accepted.length === 0 && tested.length > 0 && noAnswer.length === 0;
      }
      let flagsClean = false;
      if ('instances' in got) {
        const f = flagProblems(got.instances, 'tls-cipher-suites');
        problems.push(...f.problems);
        weak.push(...f.weak);
        evidence.unsetOn = f.unset;
        if (f.unset.length > 0 && !probeClean && problems.length === 0) {
          problems.push(
            `--tls-cipher-suites is not set (${f.unset.join(', ')}): Go's default suites include CBC suites`,
          );
          weak.push({ name: 'Go default suites', strength: 'weak' });
        }
        flagsClean = f.problems.length === 0 && f.unset.length === 0;
      }
      if (problems.length > 0) {
        findings.push({
          status: 'fail',
          severity: severityOf(weak),
          resource,
          message: `kube-apiserver: ${problems.join('; ')}.`,
          evidence,
        });
      } else if (probeClean || flagsClean) {
        const how = [
          probeClean ? 'no weak suite accepted (live probe)' : '',
          flagsClean ? '--tls-cipher-suites lists only strong suites' : '',
        ].filter(Boolean);
        findings.push({ status: 'pass', resource, message: `kube-apiserver: ${how.join('; ')}.`, evidence });
      } else {
        const why = [
          'missing' in p
            ? p.missing
            : noAnswer.length > 0
              ? `${noAnswer.length} weak suite(s) got no answer that proves anything (${noAnswer.slice(0, 3).join(', ')}${noAnswer.length > 3 ? ', ...' : ''}: ${p.probe.ciphers.find((c) => c.outcome === 'error')?.detail ?? 'no answer'})`
              : 'the live probe could not offer any weak suite',
        ];
        if ('unknown' in got)
          why.push(got.unknown.message.replace(/^Could not assess kube-apiserver: /, '').replace(/\.$/, ''));
        findings.push({
          status: 'unknown',
          resource,
          message: `Could not assess kube-apiserver's cipher suites: ${why.join('; ')}.`,
          evidence,
        });
      }
    }

    // etcd: flags only (the scanner does not reach etcd's port). No etcd seen (external etcd, managed): nothing to say.
    const etcd = instancesOf(cp, 'etcd');
    if ('instances' in etcd) {
      for (const i of etcd.instances) {
        const resource = instanceRef('etcd', i);
        const f = flagProblems([i], 'cipher-suites');
        const where = `etcd on ${instanceName(i)}`;
        if (f.unset.length > 0) {
          findings.push({
            status: 'fail',
            resource,
            message: `${where}: --cipher-suites is not set: Go's default suites include CBC suites.`,
          });
        } else if (f.weak.length > 0) {
          findings.push({
            status: 'fail',
            severity: severityOf(f.weak),
            resource,
            message: `${where}: --cipher-suites allows ${f.weak.map((w) => w.name).join(', ')}.`,
            evidence: { weak: f.weak },
          });
        } else {
          findings.push({ status: 'pass', resource, message: `${where}: --cipher-suites lists only strong suites.` });
        }
      }
    }
    return findings;
  },
});
