import { defineCases } from '../../test/support/cases';
import { at, sudo } from './os-case-helpers';
import check from './sudo-logfile';

export default defineCases(check, [
  {
    name: 'passes when Defaults logfile names a file',
    facts: {
      'host.sudo': sudo({
        defaults: { logfile: { value: '/var/log/sudo.log', at: at('Defaults logfile="/var/log/sudo.log"') } },
      }),
    },
    expect: [{ status: 'pass', message: 'logs to /var/log/sudo.log' }],
  },
  {
    name: 'fails when no logfile is set',
    facts: { 'host.sudo': sudo() },
    expect: [{ status: 'fail', message: 'sets no logfile' }],
  },
  {
    name: 'fails when !logfile turns it off',
    facts: { 'host.sudo': sudo({ defaults: { logfile: { value: false, at: at('Defaults !logfile') } } }) },
    expect: [{ status: 'fail', message: 'turns its log file off' }],
  },
]);
