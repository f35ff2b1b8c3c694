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
]);
