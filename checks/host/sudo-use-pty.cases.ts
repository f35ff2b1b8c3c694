import { defineCases } from '../../test/support/cases';
import { at, ok, sudo } from './os-case-helpers';
import check from './sudo-use-pty';

const FILES = ['/etc/sudoers'];

export default defineCases(check, [
  {
    name: 'passes when Defaults use_pty is set, naming the line',
    facts: { 'host.sudo': sudo({ defaults: { use_pty: { value: true, at: at('Defaults use_pty') } } }) },
    expect: [
      {
        status: 'pass',
        kind: 'Sudoers',
        message: 'sudo on node-1 sets use_pty (/etc/sudoers line 10).',
        evidence: {
          files: FILES,
          version: null,
          use_pty: { value: true, at: { file: '/etc/sudoers', line: 10, text: 'Defaults use_pty' } },
        },
      },
    ],
  },
  {
    name: 'fails when the last Defaults turns it off, even on a sudo whose default is use_pty',
    facts: {
      'host.sudo': sudo({
        version: '1.9.15p5',
        defaults: { use_pty: { value: false, at: at('Defaults !use_pty', '/etc/sudoers.d/legacy', 3) } },
      }),
    },
    expect: [
      {
        status: 'fail',
        message:
          'sudo on node-1 has "Defaults !use_pty" (/etc/sudoers.d/legacy line 3): a command run with sudo can keep running in the background after sudo returns.',
        evidence: {
          files: FILES,
          version: '1.9.15p5',
          use_pty: { value: false, at: { file: '/etc/sudoers.d/legacy', line: 3, text: 'Defaults !use_pty' } },
        },
      },
    ],
  },
  {
    name: 'passes on sudo 1.9.14, the first release whose default is use_pty',
    facts: { 'host.sudo': sudo({ version: '1.9.14' }) },
    expect: [
      {
        status: 'pass',
        message: 'sudo 1.9.14 on node-1 uses a pseudo-terminal by default (sudoers does not turn it off).',
        evidence: { files: FILES, version: '1.9.14', implementation: undefined, use_pty: null },
      },
    ],
  },
  {
    name: 'passes on sudo 1.9.15p5 without use_pty in sudoers',
    facts: { 'host.sudo': sudo({ version: '1.9.15p5' }) },
    expect: [{ status: 'pass', message: 'sudo 1.9.15p5 on node-1 uses a pseudo-terminal by default' }],
  },
  {
    name: 'passes on a later minor release (1.10.0) without use_pty in sudoers',
    facts: { 'host.sudo': sudo({ version: '1.10.0' }) },
    expect: [{ status: 'pass', message: 'sudo 1.10.0 on node-1 uses a pseudo-terminal by default' }],
  },
  {
    name: 'passes on a later major release (2.0.0) without use_pty in sudoers',
    facts: { 'host.sudo': sudo({ version: '2.0.0' }) },
    expect: [{ status: 'pass', message: 'sudo 2.0.0 on node-1 uses a pseudo-terminal by default' }],
  },
  {
    name: 'fails on sudo 1.9.13p3 without use_pty',
    facts: { 'host.sudo': sudo({ version: '1.9.13p3' }) },
    expect: [
      {
        status: 'fail',
        message: 'sudo 1.9.13p3 on node-1 does not use a pseudo-terminal by default and sudoers does not set use_pty.',
        evidence: { files: FILES, version: '1.9.13p3', use_pty: null },
      },
    ],
  },
  {
    name: 'fails on sudo 1.8.31 without use_pty, though its patch level is above 14',
    facts: { 'host.sudo': sudo({ version: '1.8.31' }) },
    expect: [{ status: 'fail', message: 'sudo 1.8.31 on node-1 does not use a pseudo-terminal by default' }],
  },
  {
    name: 'fails on a sudo release numbered before 1.0 (0.9.14): no such sudo ever turned use_pty on',
    facts: { 'host.sudo': sudo({ version: '0.9.14' }) },
    expect: [{ status: 'fail', message: 'sudo 0.9.14 on node-1 does not use a pseudo-terminal by default' }],
  },
  {
    name: 'passes sudo-rs without use_pty set, though its version is 0.2.5: sudo-rs uses a pseudo-terminal by default',
    facts: { 'host.sudo': sudo({ version: '0.2.5', implementation: 'sudo-rs' }) },
    expect: [
      {
        status: 'pass',
        message: 'sudo-rs 0.2.5 on node-1 uses a pseudo-terminal by default (sudoers does not turn it off).',
        evidence: { files: FILES, version: '0.2.5', implementation: 'sudo-rs', use_pty: null },
      },
    ],
  },
  {
    name: 'fails sudo-rs when sudoers turns use_pty off',
    facts: {
      'host.sudo': sudo({
        version: '0.2.5',
        implementation: 'sudo-rs',
        defaults: { use_pty: { value: false, at: at('Defaults !use_pty') } },
      }),
    },
    expect: [{ status: 'fail', message: '"Defaults !use_pty"', evidence: { implementation: 'sudo-rs' } }],
  },
  {
    name: 'is unknown when sudoers does not set it and the version is not known (host root)',
    facts: { 'host.sudo': sudo() },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess use_pty of sudo on node-1: sudoers does not set it, and the default depends on the sudo version (on since 1.9.14), which is not known here.',
        evidence: { files: FILES, version: null, use_pty: null },
      },
    ],
  },
  {
    name: 'is not applicable without sudo',
    facts: { 'host.sudo': ok({ installed: false, files: [], defaults: {}, nopasswd: [] }) },
    expect: [
      {
        status: 'not-applicable',
        kind: 'Host',
        message: 'sudo is not installed on node-1 (no sudo binary, no /etc/sudoers).',
      },
    ],
  },
]);
