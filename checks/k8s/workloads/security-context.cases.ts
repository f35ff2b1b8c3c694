import { defineCases } from '../../../test/support/cases';
import { container, deployment, HARDENED, workloadFacts } from './fixtures';
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
]);
