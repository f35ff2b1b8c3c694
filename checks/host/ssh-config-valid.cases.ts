import type { HostSshd, SshdValidation } from '../../src/core/facts/host';
import type { Fact } from '../../src/core/model';
import { defineCases } from '../../test/support/cases';
import { HARDENED, sshd } from './case-helpers';
import check from './ssh-config-valid';

/** An sshd view with a verdict: a refused configuration has no evaluated context. */
function judged(validation: SshdValidation): Fact<HostSshd> {
  const f = sshd(HARDENED, { source: validation.by });
  if (!f.ok) return f;
  return { ok: true, value: { ...f.value, contexts: validation.accepted ? f.value.contexts : [], validation } };
}

export default defineCases(check, [
  {
    name: 'passes when sshd -T accepted the configuration',
    facts: { 'host.sshd': judged({ by: 'sshd-T', accepted: true }) },
    expect: [
      { status: 'pass', kind: 'SshdConfig', resource: 'sshd', message: 'accepts its configuration (from sshd -T)' },
    ],
  },
  {
    name: "fails with sshd's own message when sshd -T refused the configuration",
    facts: {
      'host.sshd': judged({
        by: 'sshd-T',
        accepted: false,
        message: '/etc/ssh/sshd_config line 12: unsupported option "wrong_value".',
      }),
    },
    expect: [
      {
        status: 'fail',
        message:
          'sshd rejects its configuration (sshd -T): /etc/ssh/sshd_config line 12: unsupported option "wrong_value".',
      },
    ],
  },
  {
    name: 'fails, saying it is the file parser, when sshd is not available and a value is one sshd refuses',
    facts: {
      'host.sshd': judged({
        by: 'files',
        accepted: false,
        message: '/etc/ssh/sshd_config line 3: unsupported option "maybe".',
        note: 'the values of the keywords the SSH checks read',
      }),
    },
    expect: [{ status: 'fail', message: 'from the configuration files; sshd -T did not run' }],
  },
  {
    name: 'passes, saying what was checked, when only the file parser judged',
    facts: {
      'host.sshd': judged({
        by: 'files',
        accepted: true,
        note: 'the values of the keywords the SSH checks read',
      }),
    },
    expect: [{ status: 'pass', message: 'as far as the file parser checks' }],
  },
  {
    name: 'is unknown when no verdict was collected',
    facts: { 'host.sshd': sshd(HARDENED) },
    expect: [{ status: 'unknown', message: 'no verdict' }],
  },
  {
    name: 'is unknown when the sshd configuration could not be collected',
    facts: { 'host.sshd': { ok: false, reason: 'the sshd configuration could not be read completely' } },
    expect: [{ status: 'unknown', kind: 'Host', message: 'could not be read completely' }],
  },
  {
    name: 'passes from sshd -T with the verdict and the files read as evidence',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'sshd-T',
          contexts: [],
          files: ['/etc/ssh/sshd_config', '/etc/ssh/sshd_config.d/50-cloud.conf'],
          validation: { by: 'sshd-T', accepted: true },
        },
      },
    },
    expect: [
      {
        status: 'pass',
        kind: 'SshdConfig',
        resource: 'sshd',
        message: 'sshd on node-1 accepts its configuration (from sshd -T).',
        evidence: {
          source: 'sshd-T',
          validation: { by: 'sshd-T', accepted: true },
          files: ['/etc/ssh/sshd_config', '/etc/ssh/sshd_config.d/50-cloud.conf'],
        },
      },
    ],
  },
  {
    name: 'passes from the file parser, giving what it checked and why sshd -T did not run',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'files',
          contexts: [],
          notes: ['/usr/sbin/sshd is not installed', 'second note'],
          validation: { by: 'files', accepted: true, note: 'the keywords the SSH checks read' },
        },
      },
    },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: the configuration files hold nothing sshd refuses, as far as the file parser checks (the keywords the SSH checks read); sshd -T did not run (/usr/sbin/sshd is not installed).',
        evidence: { source: 'files', files: undefined },
      },
    ],
  },
  {
    name: 'passes from the file parser without a note or a reason, saying only some keywords were checked',
    facts: {
      'host.sshd': {
        ok: true,
        value: { source: 'files', contexts: [], notes: [], validation: { by: 'files', accepted: true } },
      },
    },
    expect: [
      {
        status: 'pass',
        message:
          'sshd on node-1: the configuration files hold nothing sshd refuses, as far as the file parser checks (some keywords only); sshd -T did not run.',
      },
    ],
  },
  {
    name: 'fails with the whole story and the verdict as evidence when sshd -T refuses',
    facts: {
      'host.sshd': {
        ok: true,
        value: {
          source: 'sshd-T',
          contexts: [],
          validation: { by: 'sshd-T', accepted: false, message: 'line 4: Bad yes/no argument: maybe' },
        },
      },
    },
    expect: [
      {
        status: 'fail',
        kind: 'SshdConfig',
        resource: 'sshd',
        message:
          'sshd on node-1: sshd rejects its configuration (sshd -T): line 4: Bad yes/no argument: maybe. A reload fails, and a restart leaves the host without sshd.',
        evidence: { validation: { by: 'sshd-T', accepted: false, message: 'line 4: Bad yes/no argument: maybe' } },
      },
    ],
  },
  {
    name: 'is unknown, saying so, without a verdict, and gives the files read',
    facts: {
      'host.sshd': { ok: true, value: { source: 'files', contexts: [], files: ['/etc/ssh/sshd_config'] } },
    },
    expect: [
      {
        status: 'unknown',
        kind: 'SshdConfig',
        resource: 'sshd',
        message: 'Could not assess whether sshd on node-1 accepts its configuration: no verdict was collected.',
        evidence: { source: 'files', validation: undefined, files: ['/etc/ssh/sshd_config'] },
      },
    ],
  },
]);
