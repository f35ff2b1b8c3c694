import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { noSudo, SUDOERS } from './sudo-helpers';

export default defineCheck({
  id: 'host.sudo.no-nopasswd',
  title: 'sudo asks for a password (no NOPASSWD rule)',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [],
  remediation:
    'Remove the NOPASSWD tag from the sudoers rules named (cloud images add one for the default user in ' +
    '/etc/sudoers.d). Where nobody has a password (key-only access), prefer no sudo rule at all for that user and ' +
    'use SSM Session Manager or a break-glass procedure.',
  requires: ['host.sudo'],
  evaluate: ({ facts, target }): Finding[] => {
    const sudo = facts['host.sudo'];
    const na = noSudo(sudo, target);
    if (na) return na;
    if (sudo.nopasswd.length > 0) {
      return sudo.nopasswd.map((l) => ({
        status: 'fail' as const,
        resource: { kind: 'SudoersRule', name: `${l.file}:${l.line}` },
        message: `sudo on ${target.name} runs commands without a password for "${l.text}" (${l.file} line ${l.line}): any process of that user becomes root.`,
        evidence: { file: l.file, line: l.line, rule: l.text },
      }));
    }
    return [
      {
        status: 'pass',
        resource: SUDOERS,
        message: `No sudoers rule on ${target.name} carries NOPASSWD (${sudo.files.length} file${sudo.files.length === 1 ? '' : 's'} read).`,
        evidence: { files: sudo.files },
      },
    ];
  },
});
