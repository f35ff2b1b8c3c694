import { defineCases } from '../../test/support/cases';
import { kubelet, NO_KUBELET } from './case-helpers';
import check from './files-kubelet-config';

export default defineCases(check, [
  {
    name: 'passes a root-owned kubelet config with mode 600 and a kubeconfig with mode 644',
    facts: {
      'host.files': {
        ok: true,
        value: [
          { role: 'kubelet-config', path: '/var/lib/kubelet/config.yaml', mode: '600', uid: 0, gid: 0 },
          { role: 'kubeconfig', path: '/etc/kubernetes/kubelet.conf', mode: '644', uid: 0, gid: 0 },
        ],
      },
    },
    expect: [
      { status: 'pass', kind: 'File', resource: '/var/lib/kubelet/config.yaml' },
      { status: 'pass', kind: 'File', resource: '/etc/kubernetes/kubelet.conf' },
    ],
  },
  {
    name: 'fails a group-writable kubelet config and a kubeconfig owned by another user',
    facts: {
      'host.files': {
        ok: true,
        value: [
          { role: 'kubelet-config', path: '/var/lib/kubelet/config.yaml', mode: '664', uid: 0, gid: 0 },
          { role: 'kubeconfig', path: '/etc/kubernetes/admin.conf', mode: '600', uid: 1000, gid: 1000 },
        ],
      },
    },
    expect: [
      { status: 'fail', resource: '/var/lib/kubelet/config.yaml', message: 'mode 664 lets the group write it' },
      { status: 'fail', resource: '/etc/kubernetes/admin.conf', message: 'owned by UID 1000' },
    ],
  },
  {
    name: 'fails a world-writable kubeconfig',
    facts: {
      'host.files': {
        ok: true,
        value: [{ role: 'kubeconfig', path: '/etc/kubernetes/kubelet.conf', mode: '666', uid: 0, gid: 0 }],
      },
    },
    expect: [{ status: 'fail', message: 'the group and others write it' }],
  },
  {
    name: 'is unknown for a file that could not be stat()ed',
    facts: {
      'host.files': {
        ok: true,
        value: [{ role: 'kubeconfig', path: '/etc/kubernetes/kubelet.conf', error: 'stat failed' }],
      },
    },
    expect: [{ status: 'unknown', message: 'stat failed' }],
  },
  {
    name: 'is not applicable on a host without kubelet files or kubelet',
    facts: { 'host.files': { ok: true, value: [] }, 'host.kubelet': NO_KUBELET },
    expect: [{ status: 'not-applicable' }],
  },
  {
    name: 'leaves out kubeconfigs the probe proved absent (a worker has no admin.conf)',
    facts: {
      'host.files': {
        ok: true,
        value: [
          { role: 'kubeconfig', of: 'admin', path: '/etc/kubernetes/admin.conf', absent: true },
          { role: 'kubeconfig', of: 'kubelet', path: '/etc/kubernetes/kubelet.conf', mode: '600', uid: 0, gid: 0 },
        ],
      },
    },
    expect: [{ status: 'pass', resource: '/etc/kubernetes/kubelet.conf' }],
  },
  {
    name: 'is unknown when a kubelet runs but no file was found',
    facts: { 'host.files': { ok: true, value: [] }, 'host.kubelet': kubelet(null, {}) },
    expect: [{ status: 'unknown', message: 'none of its configuration files was found' }],
  },
  {
    name: 'fails an others-writable file owned by another user, naming both problems, and keeps mode, owner and role',
    facts: {
      'host.files': {
        ok: true,
        value: [
          { role: 'kubeconfig', path: '/etc/kubernetes/scheduler.conf', mode: '602', uid: 33, gid: 44 },
          { role: 'pki-key', path: '/etc/kubernetes/pki/ca.key', mode: '666', uid: 0, gid: 0 },
        ],
      },
    },
    expect: [
      {
        status: 'fail',
        kind: 'File',
        resource: '/etc/kubernetes/scheduler.conf',
        message:
          '/etc/kubernetes/scheduler.conf on node-1: mode 602 lets others write it; it is owned by UID 33, not root.',
        evidence: { mode: '602', uid: 33, gid: 44, role: 'kubeconfig' },
      },
    ],
  },
  {
    name: 'fails a group-writable file, naming only the group',
    facts: {
      'host.files': {
        ok: true,
        value: [{ role: 'kubelet-config', path: '/var/lib/kubelet/config.yaml', mode: '620', uid: 0, gid: 0 }],
      },
    },
    expect: [{ status: 'fail', message: 'config.yaml on node-1: mode 620 lets the group write it.' }],
  },
  {
    name: 'passes a file that others may read and execute but not write (mode 755), saying so',
    facts: {
      'host.files': {
        ok: true,
        value: [{ role: 'kubelet-config', path: '/var/lib/kubelet/config.yaml', mode: '755', uid: 0, gid: 7 }],
      },
    },
    expect: [
      {
        status: 'pass',
        message: '/var/lib/kubelet/config.yaml on node-1 is owned by root with mode 755.',
        evidence: { mode: '755', uid: 0, gid: 7, role: 'kubelet-config' },
      },
    ],
  },
  {
    name: 'is unknown for a file without a mode or without an owner',
    facts: {
      'host.files': {
        ok: true,
        value: [
          { role: 'kubeconfig', path: '/a.conf', uid: 0, gid: 0 },
          { role: 'kubeconfig', path: '/b.conf', mode: '600', gid: 0 },
        ],
      },
    },
    expect: [
      { status: 'unknown', resource: '/a.conf', message: 'Could not assess /a.conf on node-1: no mode or owner.' },
      { status: 'unknown', resource: '/b.conf', message: 'Could not assess /b.conf on node-1: no mode or owner.' },
    ],
  },
  {
    name: 'is unknown for a file with an error even when a mode and owner were read',
    facts: {
      'host.files': {
        ok: true,
        value: [{ role: 'kubeconfig', path: '/c.conf', mode: '600', uid: 0, gid: 0, error: 'partial stat' }],
      },
    },
    expect: [{ status: 'unknown', kind: 'File', resource: '/c.conf', message: 'on node-1: partial stat.' }],
  },
  {
    name: 'is not applicable, saying so, without kubelet files when the kubelet fact is missing',
    facts: { 'host.files': { ok: true, value: [] } },
    expect: [
      {
        status: 'not-applicable',
        kind: 'Host',
        resource: 'node-1',
        message: 'node-1 has no kubelet configuration file or kubeconfig.',
      },
    ],
  },
  {
    name: 'is not applicable without kubelet files when the kubelet fact could not be collected',
    facts: { 'host.files': { ok: true, value: [] }, 'host.kubelet': { ok: false, reason: 'probe timed out' } },
    expect: [{ status: 'not-applicable' }],
  },
  {
    name: 'is unknown, saying why, when a kubelet runs but none of its files was found',
    facts: { 'host.files': { ok: true, value: [] }, 'host.kubelet': kubelet(null, {}) },
    expect: [
      {
        status: 'unknown',
        kind: 'Host',
        resource: 'node-1',
        message:
          "Could not assess the kubelet's files on node-1: a kubelet runs but none of its configuration files was found.",
      },
    ],
  },
]);
