import { defineCheck } from '../../src/core/check';
import { refusalText, SSHD_RESOURCE } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.config-valid',
  title: 'sshd accepts its configuration',
  severity: 'high',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2' }],
  remediation:
    'Run "sshd -t" and fix every line it reports (an unknown keyword, a value sshd does not accept), then reload sshd. ' +
    'While the configuration is refused, a reload fails and a restart leaves the host without sshd; the settings on ' +
    'disk are not the ones the running daemon uses.',
  requires: ['host.sshd'],
  evaluate: (ctx) => {
    const sshd = ctx.facts['host.sshd'];
    const host = ctx.target.name;
    const v = sshd.validation;
    const evidence = {
      source: sshd.source,
      ...(v ? { validation: v } : {}),
      ...(sshd.files ? { files: sshd.files } : {}),
    };
    if (!v) {
      return [
        {
          status: 'unknown',
          resource: SSHD_RESOURCE,
          message: `Could not assess whether sshd on ${host} accepts its configuration: no verdict was collected.`,
          evidence,
        },
      ];
    }
    if (!v.accepted) {
      return [
        {
          status: 'fail',
          resource: SSHD_RESOURCE,
          message: `sshd on ${host}: ${refusalText(sshd)}. A reload fails, and a restart leaves the host without sshd.`,
          evidence,
        },
      ];
    }
    if (v.by === 'sshd-T') {
      return [
        {
          status: 'pass',
          resource: SSHD_RESOURCE,
          message: `sshd on ${host} accepts its configuration (from sshd -T).`,
          evidence,
        },
      ];
    }
    const why = sshd.notes?.[0] ? ` (${sshd.notes[0]})` : '';
    return [
      {
        status: 'pass',
        resource: SSHD_RESOURCE,
        message: `sshd on ${host}: the configuration files hold nothing sshd refuses, as far as the file parser checks (${v.note ?? 'some keywords only'}); sshd -T did not run${why}.`,
        evidence,
      },
    ];
  },
});
