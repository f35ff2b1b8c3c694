import { defineCases } from '../../test/support/cases';
import { ok, stat } from './os-case-helpers';
import check from './ssh-file-permissions';

export default defineCases(check, [
  {
    name: 'passes a 600 sshd_config, a 600 private key, a 640 key-group key and a 644 public key',
    facts: {
      'host.sshFiles': ok({
        files: [
          stat('sshd-config', '/etc/ssh/sshd_config', '600'),
          stat('host-key', '/etc/ssh/ssh_host_ed25519_key', '600'),
          stat('host-key', '/etc/ssh/ssh_host_rsa_key', '640', 0, 994),
          stat('host-key-pub', '/etc/ssh/ssh_host_ed25519_key.pub', '644'),
        ],
      }),
    },
    expect: [
      { status: 'pass', kind: 'File', resource: '/etc/ssh/sshd_config' },
      { status: 'pass', resource: '/etc/ssh/ssh_host_ed25519_key' },
      { status: 'pass', resource: '/etc/ssh/ssh_host_rsa_key' },
      { status: 'pass', resource: '/etc/ssh/ssh_host_ed25519_key.pub' },
    ],
  },
  {
    name: 'fails a 644 sshd_config (Debian default), a world-readable private key and a key not owned by root',
    facts: {
      'host.sshFiles': ok({
        files: [
          stat('sshd-config', '/etc/ssh/sshd_config', '644'),
          stat('host-key', '/etc/ssh/ssh_host_ed25519_key', '644'),
          stat('host-key-pub', '/etc/ssh/ssh_host_ed25519_key.pub', '644', 1000),
          stat('host-key-pub', '/etc/ssh/ssh_host_rsa_key.pub', '666'),
        ],
      }),
    },
    expect: [
      { status: 'fail', resource: '/etc/ssh/sshd_config', message: 'mode 644, expected 600 or stricter' },
      { status: 'fail', resource: '/etc/ssh/ssh_host_ed25519_key', message: 'impersonate this node' },
      { status: 'fail', resource: '/etc/ssh/ssh_host_ed25519_key.pub', message: 'owned by UID 1000, not root' },
      { status: 'fail', resource: '/etc/ssh/ssh_host_rsa_key.pub', message: 'mode 666' },
    ],
  },
  {
    name: 'is unknown for a file that could not be stat()ed, and not applicable without sshd files',
    facts: {
      'host.sshFiles': ok({
        files: [
          { role: 'sshd-config', path: '/etc/ssh/sshd_config.d/x.conf', error: 'too many levels of symbolic links' },
        ],
      }),
    },
    expect: [{ status: 'unknown', message: 'too many levels of symbolic links' }],
  },
  {
    name: 'is not applicable without sshd configuration or host keys',
    facts: { 'host.sshFiles': ok({ files: [] }) },
    expect: [{ status: 'not-applicable', kind: 'Host' }],
  },
  {
    name: 'is unknown when the SSH folder could not be listed',
    facts: { 'host.sshFiles': { ok: false, reason: 'the SSH folder could not be listed: permission denied' } },
    expect: [{ status: 'unknown', message: 'permission denied' }],
  },
  {
    name: 'says the whole expected mode and risk sentence for each role of file',
    facts: {
      'host.sshFiles': ok({
        files: [
          stat('sshd-config', '/etc/ssh/sshd_config', '640'),
          stat('host-key', '/etc/ssh/ssh_host_ed25519_key', '644'),
          stat('host-key-pub', '/etc/ssh/ssh_host_ed25519_key.pub', '664'),
        ],
      }),
    },
    expect: [
      {
        status: 'fail',
        resource: '/etc/ssh/sshd_config',
        message:
          '/etc/ssh/sshd_config on node-1 is mode 640, expected 600 or stricter: other users can read (or change) how sshd authenticates.',
      },
      {
        status: 'fail',
        resource: '/etc/ssh/ssh_host_ed25519_key',
        message:
          '/etc/ssh/ssh_host_ed25519_key on node-1 is mode 644, expected 600 (640 for a key group) or stricter: whoever reads the private host key can impersonate this node to SSH clients.',
      },
      {
        status: 'fail',
        resource: '/etc/ssh/ssh_host_ed25519_key.pub',
        message:
          '/etc/ssh/ssh_host_ed25519_key.pub on node-1 is mode 664, expected 644 or stricter: others could replace the key clients trust.',
      },
    ],
  },
]);
