import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { dil } from './os-helpers';

/**
 * The CIS kernel parameters a Kubernetes node can keep. Left out on purpose (docs/host.md): IP forwarding
 * (net.ipv4.ip_forward, net.ipv6.conf.all.forwarding, CIS 3.1.1: the node routes Pod traffic), reverse path
 * filtering (rp_filter, 3.2.7: the AWS VPC CNI, Calico and Cilium need loose mode or none on Pod interfaces) and
 * IPv6 router advertisements (accept_ra, 3.2.9: EC2 gives IPv6 nodes their default route that way).
 */
export const KERNEL_PARAMETERS: { key: string; want: string; control: string; why: string }[] = [
  ...['all', 'default'].map((i) => ({
    key: `net.ipv4.conf.${i}.send_redirects`,
    want: '0',
    control: '3.1.2',
    why: 'the node can send ICMP redirects that reroute other hosts',
  })),
  ...['ipv4', 'ipv6'].flatMap((v) =>
    ['all', 'default'].map((i) => ({
      key: `net.${v}.conf.${i}.accept_source_route`,
      want: '0',
      control: '3.2.1',
      why: 'packets can choose their own route through the node',
    })),
  ),
  ...['ipv4', 'ipv6'].flatMap((v) =>
    ['all', 'default'].map((i) => ({
      key: `net.${v}.conf.${i}.accept_redirects`,
      want: '0',
      control: '3.2.2',
      why: 'an ICMP redirect can reroute the node’s traffic',
    })),
  ),
  ...['all', 'default'].map((i) => ({
    key: `net.ipv4.conf.${i}.secure_redirects`,
    want: '0',
    control: '3.2.3',
    why: 'a gateway’s ICMP redirect can reroute the node’s traffic',
  })),
  ...['all', 'default'].map((i) => ({
    key: `net.ipv4.conf.${i}.log_martians`,
    want: '1',
    control: '3.2.4',
    why: 'spoofed packets go unlogged',
  })),
  {
    key: 'net.ipv4.icmp_echo_ignore_broadcasts',
    want: '1',
    control: '3.2.5',
    why: 'the node answers broadcast pings (smurf amplification)',
  },
  {
    key: 'net.ipv4.icmp_ignore_bogus_error_responses',
    want: '1',
    control: '3.2.6',
    why: 'bogus ICMP errors fill the logs',
  },
  { key: 'net.ipv4.tcp_syncookies', want: '1', control: '3.2.8', why: 'a SYN flood can exhaust connections' },
  {
    key: 'kernel.randomize_va_space',
    want: '2',
    control: '1.5.3',
    why: 'memory layout is predictable to exploits (ASLR off or partial)',
  },
];

export default defineCheck({
  id: 'host.kernel.parameters',
  title: 'Kernel network and memory parameters follow CIS (those a Kubernetes node can keep)',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [dil('3.1.2'), dil('3.2'), dil('1.5.3')],
  remediation:
    'Set the parameters named in a file under /etc/sysctl.d (for example 60-cis.conf: "net.ipv4.conf.all.send_redirects = 0") ' +
    'and "kernel.randomize_va_space = 2" for full ASLR, and apply it with "sysctl --system"; a value written only at ' +
    'runtime is lost at the next boot. Leave IP ' +
    'forwarding, rp_filter and accept_ra as the CNI and the cloud need them.',
  requires: ['host.sysctl'],
  evaluate: ({ facts, target }): Finding[] => {
    const s = facts['host.sysctl'];
    return KERNEL_PARAMETERS.map((p): Finding => {
      const resource = { kind: 'KernelParameter', name: p.key };
      const running = s.runtime?.[p.key];
      const conf = s.configured[p.key];
      const evidence = { expected: p.want, running: running ?? null, configured: conf ?? null, control: p.control };
      if (running !== undefined && running !== p.want) {
        return {
          status: 'fail',
          resource,
          message: `${p.key} is ${running} on ${target.name}, expected ${p.want}: ${p.why}.`,
          evidence,
        };
      }
      if (conf && conf.value !== p.want) {
        return {
          status: 'fail',
          resource,
          message: `${p.key} is set to ${conf.value} by ${conf.file} on ${target.name}, expected ${p.want}: ${p.why}${running !== undefined ? ' (at the next boot)' : ''}.`,
          evidence,
        };
      }
      if (running !== undefined) {
        return {
          status: 'pass',
          resource,
          message: `${p.key} is ${running} on ${target.name}${conf ? ` (set by ${conf.file})` : ' (not set in sysctl.d: the kernel default or a runtime change)'}.`,
          evidence,
        };
      }
      if (conf) {
        return {
          status: 'pass',
          resource,
          message: `${p.key} is set to ${conf.value} by ${conf.file} on ${target.name} (applied at boot; ${s.runtimeNote ?? 'running value not read'}).`,
          evidence,
        };
      }
      return {
        status: 'unknown',
        resource,
        message: `Could not assess ${p.key} on ${target.name}: no sysctl.d file sets it and ${s.runtimeNote ?? 'the running value was not read'}.`,
        evidence,
      };
    });
  },
});
