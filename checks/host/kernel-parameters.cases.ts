import { defineCases } from '../../test/support/cases';
import check, { KERNEL_PARAMETERS } from './kernel-parameters';
import { sysctl } from './os-case-helpers';

const ALL_GOOD = Object.fromEntries(KERNEL_PARAMETERS.map((p) => [p.key, p.want]));
const ASLR = 'kernel.randomize_va_space';
const ASLR_WHY = 'memory layout is predictable to exploits (ASLR off or partial)';
const CONF = '/etc/sysctl.d/60-cis.conf';
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
  ...(
    [
      [
        'fails, in full, a value sysctl.d would set at the next boot although the running one is right',
        { [ASLR]: '2' },
        { [ASLR]: '0' },
        'fail',
        `${ASLR} is set to 0 by ${CONF} on node-1, expected 2: ${ASLR_WHY} (at the next boot).`,
        { expected: '2', running: '2', configured: { value: '0', file: CONF }, control: '1.5.3' },
      ],
      [
        'fails, in full, a configured value under a host root',
        null,
        { [ASLR]: '0' },
        'fail',
        `${ASLR} is set to 0 by ${CONF} on node-1, expected 2: ${ASLR_WHY}.`,
        { running: null, configured: { value: '0', file: CONF } },
      ],
      [
        'passes, in full, a running value sysctl.d sets',
        { [ASLR]: '2' },
        { [ASLR]: '2' },
        'pass',
        `${ASLR} is 2 on node-1 (set by ${CONF}).`,
        { running: '2', configured: { value: '2', file: CONF } },
      ],
      [
        'passes, in full, a running value sysctl.d does not set',
        { [ASLR]: '2' },
        {},
        'pass',
        `${ASLR} is 2 on node-1 (not set in sysctl.d: the kernel default or a runtime change).`,
        { running: '2', configured: null },
      ],
      [
        'passes, in full, a configured value under a host root, saying why the running one is not known',
        null,
        { [ASLR]: '2' },
        'pass',
        `${ASLR} is set to 2 by ${CONF} on node-1 (applied at boot; the running kernel is not visible under a host root).`,
        { running: null },
      ],
      [
        'passes, in full, a configured value whose running value was not read, with no reason given',
        {},
        { [ASLR]: '2' },
        'pass',
        `${ASLR} is set to 2 by ${CONF} on node-1 (applied at boot; running value not read).`,
        { running: null },
      ],
      [
        'is unknown, in full, with neither a configured nor a running value, saying why',
        null,
        {},
        'unknown',
        `Could not assess ${ASLR} on node-1: no sysctl.d file sets it and the running kernel is not visible under a host root.`,
        { running: null, configured: null },
      ],
      [
        'is unknown, in full, with neither a configured nor a running value, with no reason given',
        {},
        {},
        'unknown',
        `Could not assess ${ASLR} on node-1: no sysctl.d file sets it and the running value was not read.`,
        { running: null, configured: null },
      ],
    ] as const
  ).map(([name, runtime, configured, status, message, evidence]) => ({
    name,
    facts: { 'host.sysctl': sysctl(runtime === null ? null : { ...runtime }, { ...configured }) },
    expect: [{ status, resource: ASLR, message, evidence }],
    exact: false,
  })),
]);
