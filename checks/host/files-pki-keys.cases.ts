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
  {
    name: 'fails keys others can read, that the group can only use, and passes mode 400, with mode and owner as evidence',
    facts: {
      'host.files': {
        ok: true,
        value: [
          { role: 'pki-key', path: '/pki/a.key', mode: '604', uid: 0, gid: 0 },
          { role: 'pki-key', path: '/pki/b.key', mode: '610', uid: 0, gid: 5 },
          { role: 'pki-key', path: '/pki/c.key', mode: '400', uid: 0, gid: 0 },
          { role: 'pki-key', path: '/pki/d.key', mode: '641', uid: 0, gid: 0 },
        ],
      },
    },
    expect: [
      {
        status: 'fail',
        kind: 'File',
        resource: '/pki/a.key',
        message: 'Private key /pki/a.key on node-1 has mode 604: others can read it.',
        evidence: { mode: '604', uid: 0, gid: 0 },
      },
      {
        status: 'fail',
        resource: '/pki/b.key',
        message: 'Private key /pki/b.key on node-1 has mode 610: the group can use it.',
        evidence: { gid: 5 },
      },
      {
        status: 'pass',
        resource: '/pki/c.key',
        message: 'Private key /pki/c.key on node-1 has mode 400.',
        evidence: { mode: '400', uid: 0, gid: 0 },
      },
      {
        status: 'fail',
        resource: '/pki/d.key',
        message: 'has mode 641: the group and others can read it.',
      },
    ],
  },
  {
    name: 'is unknown for a key without a mode, and says so',
    facts: { 'host.files': { ok: true, value: [{ role: 'pki-key', path: '/pki/e.key', uid: 0 }] } },
    expect: [
      {
        status: 'unknown',
        kind: 'File',
        resource: '/pki/e.key',
        message: 'Could not assess /pki/e.key on node-1: no mode.',
      },
    ],
  },
  {
    name: 'is unknown for a key with an error even when a mode was read',
    facts: {
      'host.files': { ok: true, value: [{ role: 'pki-key', path: '/pki/f.key', mode: '600', error: 'stat raced' }] },
    },
    expect: [{ status: 'unknown', message: 'Could not assess /pki/f.key on node-1: stat raced.' }],
  },
  {
    name: 'is not applicable, saying where it looked, without PKI keys',
    facts: {
      'host.files': {
        ok: true,
        value: [{ role: 'kubeconfig', path: '/etc/kubernetes/admin.conf', mode: '666', uid: 0, gid: 0 }],
      },
    },
    expect: [
      {
        status: 'not-applicable',
        kind: 'Host',
        resource: 'node-1',
        message: 'node-1 has no private key under /etc/kubernetes/pki or /var/lib/kubelet/pki.',
      },
    ],
  },
]);
