import type { HostModules } from '../../src/core/facts/host';
import { defineCases } from '../../test/support/cases';
import check, { DISABLED_MODULES } from './kernel-modules-disabled';
import { ok } from './os-case-helpers';

const F = '/etc/modprobe.d/cis.conf';
const allInstalled = Object.fromEntries(DISABLED_MODULES.map((m) => [m.name, { command: '/bin/false', file: F }]));
const mods = (over: Partial<HostModules>): HostModules => ({
  loaded: [],
  install: allInstalled,
  blacklist: {},
  ...over,
});

export default defineCases(check, [
  {
    name: 'passes every module when modprobe.d installs /bin/false for each and none is loaded, saying both',
    facts: { 'host.modules': ok(mods({})) },
    expect: DISABLED_MODULES.map((m) => ({
      status: 'pass' as const,
      kind: 'KernelModule',
      resource: m.name,
      message: `Kernel module ${m.name} is disabled on node-1 by install /bin/false (${F}) and is not loaded.`,
      evidence: { control: m.control, disabledBy: `install /bin/false (${F})`, loaded: false, loadedNote: undefined },
    })),
  },
  {
    name: 'fails a loaded module, and one neither installed away nor blacklisted; passes a blacklisted one',
    facts: {
      'host.modules': ok(
        mods({
          loaded: ['udf'],
          install: {
            ...allInstalled,
            cramfs: { command: '/sbin/modprobe --ignore-install cramfs', file: F },
            dccp: undefined as never,
          },
          blacklist: { dccp: F },
        }),
      ),
    },
    expect: [
      { status: 'fail', resource: 'udf', message: 'is loaded' },
      { status: 'fail', resource: 'cramfs', message: 'no modprobe.d install or blacklist line' },
      {
        status: 'pass',
        resource: 'dccp',
        message: `Kernel module dccp is disabled on node-1 by blacklist (${F}) and is not loaded.`,
        evidence: { control: '3.4.1', disabledBy: `blacklist (${F})`, loaded: false },
      },
    ],
    exact: false,
  },
  {
    name: 'passes on the configuration alone, not claiming the module is unloaded, when loaded modules are not visible',
    facts: { 'host.modules': ok(mods({ loaded: null, loadedNote: '/proc/modules is not readable' })) },
    expect: [
      {
        status: 'pass',
        resource: 'tipc',
        message: `Kernel module tipc is disabled on node-1 by install /bin/false (${F}).`,
        evidence: { loaded: null, loadedNote: '/proc/modules is not readable' },
      },
    ],
    exact: false,
  },
]);
