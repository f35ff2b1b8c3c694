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
      { status: 'fail', resource: '/run/docker.sock', message: 'privileged container' },
      { status: 'fail', resource: '/etc/docker/daemon.json', message: 'not writable by group or others' },
    ],
  },
  {
    name: 'is not applicable without a runtime socket or configuration',
    facts: { 'host.runtime': ok({ present: [], files: [] }) },
    expect: [{ status: 'not-applicable' }],
  },
]);
