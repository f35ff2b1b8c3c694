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
    name: 'passes every module when modprobe.d installs /bin/false for each and none is loaded',
    facts: { 'host.modules': ok(mods({})) },
    expect: DISABLED_MODULES.map((m) => ({ status: 'pass' as const, kind: 'KernelModule', resource: m.name })),
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
      { status: 'pass', resource: 'dccp', message: 'blacklist' },
    ],
    exact: false,
  },
  {
    name: 'judges the configuration, with the reason in the evidence, when loaded modules are not visible',
    facts: { 'host.modules': ok(mods({ loaded: null, loadedNote: '/proc/modules is not readable' })) },
    expect: [
      { status: 'pass', resource: 'tipc', evidence: { loaded: null, loadedNote: '/proc/modules is not readable' } },
    ],
    exact: false,
  },
]);
