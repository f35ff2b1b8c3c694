import { defineCases } from '../../test/support/cases';
import check, { KERNEL_PARAMETERS } from './kernel-parameters';
import { sysctl } from './os-case-helpers';

const ALL_GOOD = Object.fromEntries(KERNEL_PARAMETERS.map((p) => [p.key, p.want]));
const passAll = KERNEL_PARAMETERS.map((p) => ({ status: 'pass' as const, kind: 'KernelParameter', resource: p.key }));

export default defineCases(check, [
  {
    name: 'passes every parameter when the running kernel and sysctl.d agree',
    facts: { 'host.sysctl': sysctl(ALL_GOOD, ALL_GOOD) },
    expect: passAll,
  },
  {
    name: 'fails a running value, and a configured value that the next boot would apply',
    facts: {
      'host.sysctl': sysctl(
        { ...ALL_GOOD, 'net.ipv4.conf.all.send_redirects': '1' },
        { ...ALL_GOOD, 'net.ipv4.tcp_syncookies': '0' },
      ),
    },
    expect: [
      { status: 'fail', resource: 'net.ipv4.conf.all.send_redirects', message: 'is 1 on' },
      { status: 'fail', resource: 'net.ipv4.tcp_syncookies', message: 'set to 0 by /etc/sysctl.d/60-cis.conf' },
    ],
    exact: false,
  },
  {
    name: 'under a host root, judges the configured values and is unknown for an unset one',
    facts: {
      'host.sysctl': sysctl(
        null,
        Object.fromEntries(Object.entries(ALL_GOOD).filter(([k]) => k !== 'kernel.randomize_va_space')),
      ),
    },
    expect: [
      { status: 'pass', resource: 'net.ipv4.tcp_syncookies', message: 'applied at boot' },
      { status: 'unknown', resource: 'kernel.randomize_va_space', message: 'no sysctl.d file sets it' },
    ],
    exact: false,
  },
  {
    name: 'never checks IP forwarding, rp_filter or accept_ra, which a Kubernetes node needs',
    facts: {
      'host.sysctl': sysctl(
        {
          ...ALL_GOOD,
          'net.ipv4.ip_forward': '1',
          'net.ipv4.conf.all.rp_filter': '2',
          'net.ipv6.conf.all.accept_ra': '1',
        },
        ALL_GOOD,
      ),
    },
    expect: passAll,
  },
]);
