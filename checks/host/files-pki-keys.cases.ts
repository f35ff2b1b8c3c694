import { defineCases } from '../../test/support/cases';
import check from './files-pki-keys';

export default defineCases(check, [
  {
    name: 'passes keys with mode 600 and fails a key with mode 644',
    facts: {
      'host.files': {
        ok: true,
        value: [
          { role: 'pki-key', path: '/etc/kubernetes/pki/ca.key', mode: '600', uid: 0, gid: 0 },
          { role: 'pki-key', path: '/etc/kubernetes/pki/sa.key', mode: '644', uid: 0, gid: 0 },
          { role: 'kubeconfig', path: '/etc/kubernetes/admin.conf', mode: '644', uid: 0, gid: 0 },
        ],
      },
    },
    expect: [
      { status: 'pass', kind: 'File', resource: '/etc/kubernetes/pki/ca.key' },
      {
        status: 'fail',
        kind: 'File',
        resource: '/etc/kubernetes/pki/sa.key',
        message: 'the group and others can read it',
      },
    ],
  },
  {
    name: 'fails a group-readable kubelet client key',
    facts: {
      'host.files': {
        ok: true,
        value: [
          { role: 'pki-key', path: '/var/lib/kubelet/pki/kubelet-client-current.pem', mode: '640', uid: 0, gid: 0 },
        ],
      },
    },
    expect: [{ status: 'fail', message: 'the group can read it' }],
  },
  {
    name: 'is unknown for a key that could not be stat()ed',
    facts: {
      'host.files': {
        ok: true,
        value: [{ role: 'pki-key', path: '/etc/kubernetes/pki/ca.key', error: 'stat failed' }],
      },
    },
    expect: [{ status: 'unknown' }],
  },
  {
    name: 'is not applicable without PKI keys',
    facts: { 'host.files': { ok: true, value: [] } },
    expect: [{ status: 'not-applicable', kind: 'Host' }],
  },
]);
