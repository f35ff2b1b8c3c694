import { defineCases } from '../../test/support/cases';
import { at, sudo } from './os-case-helpers';
import check from './sudo-use-pty';

export default defineCases(check, [
  {
    name: 'passes when Defaults use_pty is set',
    facts: { 'host.sudo': sudo({ defaults: { use_pty: { value: true, at: at('Defaults use_pty') } } }) },
    expect: [{ status: 'pass', message: 'sets use_pty (/etc/sudoers line 10)' }],
  },
  {
    name: 'fails when the last Defaults turns it off',
    facts: { 'host.sudo': sudo({ defaults: { use_pty: { value: false, at: at('Defaults !use_pty') } } }) },
    expect: [{ status: 'fail', message: '"Defaults !use_pty"' }],
  },
  {
    name: 'passes on sudo 1.9.14 and later, whose default is use_pty',
    facts: { 'host.sudo': sudo({ version: '1.9.15p5' }) },
    expect: [{ status: 'pass', message: 'by default' }],
  },
  {
    name: 'fails on sudo 1.9.13 without use_pty',
    facts: { 'host.sudo': sudo({ version: '1.9.13p3' }) },
    expect: [{ status: 'fail', message: 'sudo 1.9.13p3' }],
  },
  {
    name: 'is unknown when sudoers does not set it and the version is not known (host root)',
    facts: { 'host.sudo': sudo() },
    expect: [{ status: 'unknown', message: 'depends on the sudo version' }],
  },
]);
