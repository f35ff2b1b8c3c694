import { defineCases } from '../../test/support/cases';
import { ok, stat } from './os-case-helpers';
import check from './runtime-file-permissions';

export default defineCases(check, [
  {
    name: 'passes a 660 root containerd socket and a 644 root config.toml',
    facts: {
      'host.runtime': ok({
        present: ['containerd'],
        files: [
          stat('runtime-socket', '/run/containerd/containerd.sock', '660'),
          stat('runtime-config', '/etc/containerd/config.toml', '644'),
        ],
      }),
    },
    expect: [
      { status: 'pass', kind: 'File', resource: '/run/containerd/containerd.sock' },
      { status: 'pass', resource: '/etc/containerd/config.toml' },
    ],
  },
  {
    name: 'fails a world-accessible docker socket and a group-writable daemon.json',
    facts: {
      'host.runtime': ok({
        present: ['docker'],
        files: [
          stat('runtime-socket', '/run/docker.sock', '666'),
          stat('runtime-config', '/etc/docker/daemon.json', '664'),
        ],
      }),
    },
    expect: [
      {
        status: 'fail',
        resource: '/run/docker.sock',
        message:
          '/run/docker.sock on node-1 is mode 666, expected no access for others (660 or stricter): whoever can use the runtime socket can start a privileged container: root on the node.',
        evidence: { mode: '666', uid: 0, gid: 0, role: 'runtime-socket' },
      },
      {
        status: 'fail',
        resource: '/etc/docker/daemon.json',
        message:
          '/etc/docker/daemon.json on node-1 is mode 664, expected not writable by group or others (644 or stricter): whoever can change the runtime configuration can run code as root on the node.',
        evidence: { mode: '664', uid: 0, gid: 0, role: 'runtime-config' },
      },
    ],
  },
  {
    name: 'is not applicable without a runtime socket or configuration',
    facts: { 'host.runtime': ok({ present: [], files: [] }) },
    expect: [{ status: 'not-applicable' }],
  },
]);
