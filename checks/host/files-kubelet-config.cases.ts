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
    name: 'is unknown when a kubelet runs but no file was found',
    facts: { 'host.files': { ok: true, value: [] }, 'host.kubelet': kubelet(null, {}) },
    expect: [{ status: 'unknown', message: 'none of its configuration files was found' }],
  },
]);
