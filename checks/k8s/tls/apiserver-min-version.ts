import { defineCheck } from '../../../src/core/check';
import type { Finding } from '../../../src/core/model';
import { componentRef, instanceName, instancesOf, NSA_TLS } from './common';
import { apiserverProbe } from './probe';

const OLD_FLAG_VALUES = new Set(['VersionTLS10', 'VersionTLS11']);
const OLD = ['TLSv1', 'TLSv1.1'] as const;

/**
 * Two sources, both evidence: the live probe (which versions the endpoint accepts) and `--tls-min-version`. Either
 * one showing TLS 1.0/1.1 fails; a pass needs the probe to see both refused or every instance to set 1.2 or above.
 */
export default defineCheck({
  id: 'k8s.tls.apiserver-min-version',
  title: 'The API server refuses TLS 1.0 and 1.1',
  severity: 'high',
  category: 'tls',
  targetKind: 'cluster',
  benchmarks: [NSA_TLS],
  remediation:
    'Set `--tls-min-version=VersionTLS12` (or VersionTLS13) on kube-apiserver. Go releases before 1.22 accepted ' +
    'TLS 1.0 on servers by default, so an API server without the flag may still accept it: set it explicitly. ' +
    'Behind a load balancer, configure its TLS policy to refuse TLS 1.0/1.1 too.',
  requires: ['k8s.controlPlane'],
  uses: ['k8s.apiserverTls'],
  evaluate({ facts, optional }) {
    const resource = componentRef('kube-apiserver');
    const p = apiserverProbe(optional);
    const got = instancesOf(facts['k8s.controlPlane'], 'kube-apiserver');
    const problems: string[] = [];
    const evidence: Record<string, unknown> = {};

    if ('probe' in p) {
      evidence.probe = { endpoint: p.probe.endpoint, protocols: p.probe.protocols };
      const accepted = p.probe.protocols.filter(
        (x) => OLD.includes(x.protocol as (typeof OLD)[number]) && x.outcome === 'accepted',
      );
      if (accepted.length > 0) {
        problems.push(`${p.probe.endpoint} accepts ${accepted.map((x) => x.protocol).join(' and ')} (live probe)`);
      }
    }
    if ('instances' in got) {
      evidence.flags = got.instances.map((i) => ({
        instance: instanceName(i),
        tlsMinVersion: i.flags['tls-min-version'] ?? null,
      }));
      for (const i of got.instances) {
        const v = i.flags['tls-min-version'];
        if (v && OLD_FLAG_VALUES.has(v.trim())) problems.push(`--tls-min-version=${v.trim()} (${instanceName(i)})`);
      }
    }
    if (problems.length > 0) {
      return [{ status: 'fail', resource, message: `kube-apiserver: ${problems.join('; ')}.`, evidence }];
    }

    const probeRefusesOld =
      'probe' in p && OLD.every((v) => p.probe.protocols.find((x) => x.protocol === v)?.outcome === 'refused');
    const flagsSetHigh =
      'instances' in got &&
      got.instances.every((i) => ['VersionTLS12', 'VersionTLS13'].includes((i.flags['tls-min-version'] ?? '').trim()));
    if (probeRefusesOld || flagsSetHigh) {
      const how = [
        probeRefusesOld
          ? `${(p as { probe: { endpoint: string } }).probe.endpoint} refuses TLS 1.0 and 1.1 (live probe)`
          : '',
        flagsSetHigh ? '--tls-min-version is 1.2 or above on every instance' : '',
      ].filter(Boolean);
      return [{ status: 'pass', resource, message: `kube-apiserver: ${how.join('; ')}.`, evidence }];
    }

    const why: string[] = [];
    if ('missing' in p) why.push(p.missing);
    else {
      // A version the probe did not report is as unknown as one it could not offer.
      const untested = OLD.flatMap((v) => {
        const r = p.probe.protocols.find((x) => x.protocol === v);
        return r?.outcome === 'refused' ? [] : [`${v} (${r?.outcome ?? 'not probed'}: ${r?.detail ?? ''})`];
      });
      why.push(`live probe could not test ${untested.join(', ')}`);
    }
    if ('unknown' in got)
      why.push(got.unknown.message.replace(/^Could not assess kube-apiserver: /, '').replace(/\.$/, ''));
    else why.push('--tls-min-version is not set on every instance (the default depends on the Go version)');
    const finding: Finding = {
      status: 'unknown',
      resource,
      message: `Could not assess kube-apiserver's minimum TLS version: ${why.join('; ')}.`,
      evidence,
    };
    return [finding];
  },
});
