import { defineCases } from '../../../test/support/cases';
import { container, deployment, enforcing, HARDENED, workloadFacts } from './fixtures';
import check from './security-context';

export default defineCases(check, [
  {
    name: 'passes a hardened container, and the same settings split between pod and container',
    facts: workloadFacts([
      deployment('a', { containers: [container('app', HARDENED)] }),
      deployment('b', {
        runAsNonRoot: true,
        seccompProfile: 'RuntimeDefault',
        containers: [container('app', { allowPrivilegeEscalation: false, capabilitiesDrop: ['ALL'] })],
      }),
    ]),
    expect: [
      { status: 'pass', resource: 'shop/a' },
      { status: 'pass', resource: 'shop/b' },
    ],
  },
  {
    name: 'fails a container with no security context, listing all it lacks',
    facts: workloadFacts([deployment('a', {})]),
    expect: [
      {
        status: 'fail',
        resource: 'shop/a',
        message:
          'container app lacks allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities.drop: [ALL], a RuntimeDefault seccomp profile',
      },
    ],
  },
  {
    name: 'fails a hardened container that runs as UID 0 or adds a capability, and a privileged one',
    facts: workloadFacts([
      deployment('a', { containers: [container('app', { ...HARDENED, runAsUser: 0 })] }),
      deployment('b', { containers: [container('app', { ...HARDENED, capabilitiesAdd: ['SYS_PTRACE'] })] }),
      deployment('c', { containers: [container('app', { ...HARDENED, privileged: true })] }),
    ]),
    expect: [
      { status: 'fail', resource: 'shop/a', message: 'lacks a non-zero runAsUser' },
      { status: 'fail', resource: 'shop/b', message: 'adds SYS_PTRACE' },
      { status: 'fail', resource: 'shop/c', message: 'container app is privileged.' },
    ],
  },
  {
    name: 'passes a hardened container that adds NET_BIND_SERVICE back, and one with a Localhost seccomp profile',
    facts: workloadFacts([
      deployment('a', { containers: [container('app', { ...HARDENED, capabilitiesAdd: ['NET_BIND_SERVICE'] })] }),
      deployment('b', { containers: [container('app', { ...HARDENED, seccompProfile: 'Localhost' })] }),
    ]),
    expect: [
      { status: 'pass', resource: 'shop/a', message: 'sets the restricted security context on every container.' },
      { status: 'pass', resource: 'shop/b', message: 'sets the restricted security context on every container.' },
    ],
  },
  {
    name: 'fails two added capabilities, a privileged hardened container, and a privileged bare one, each in full',
    facts: workloadFacts([
      deployment('a', { containers: [container('app', { ...HARDENED, capabilitiesAdd: ['CHOWN', 'KILL'] })] }),
      deployment('b', { containers: [container('app', { ...HARDENED, privileged: true })] }),
      deployment('c', { containers: [container('app', { privileged: true })] }),
    ]),
    expect: [
      {
        status: 'fail',
        resource: 'shop/a',
        evidence: { offences: ['container app lacks no added capability but NET_BIND_SERVICE (adds CHOWN, KILL)'] },
      },
      { status: 'fail', resource: 'shop/b', evidence: { offences: ['container app is privileged'] } },
      {
        status: 'fail',
        resource: 'shop/c',
        evidence: {
          offences: [
            'container app is privileged and lacks allowPrivilegeEscalation: false, runAsNonRoot: true, ' +
              'capabilities.drop: [ALL], a RuntimeDefault seccomp profile',
          ],
        },
      },
    ],
  },
  {
    name: 'under an enforced baseline, privileged, SYS_ADMIN and Unconfined are rejected and a bare container is not',
    facts: workloadFacts(
      [
        deployment('a', { containers: [container('app', { ...HARDENED, privileged: true })] }),
        deployment('b', { containers: [container('app', { ...HARDENED, capabilitiesAdd: ['SYS_ADMIN'] })] }),
        deployment('c', { containers: [container('app', { ...HARDENED, seccompProfile: 'Unconfined' })] }),
        deployment('d', {}),
      ],
      [enforcing('shop', 'baseline')],
    ),
    expect: [
      { status: 'fail', resource: 'shop/a', evidence: { admission: { enforce: 'baseline', forbids: true } } },
      { status: 'fail', resource: 'shop/b', evidence: { admission: { enforce: 'baseline', forbids: true } } },
      { status: 'fail', resource: 'shop/c', evidence: { admission: { enforce: 'baseline', forbids: true } } },
      { status: 'fail', resource: 'shop/d', evidence: { admission: { enforce: 'baseline', forbids: false } } },
    ],
  },
]);
