import { defineCheck } from '../../src/core/check';
import type { HostModules } from '../../src/core/facts/host';
import type { Finding } from '../../src/core/model';
import { dil } from './os-helpers';

/**
 * Modules CIS says should not load, minus squashfs (snap and some node images mount it), vfat (the EFI system
 * partition) and sctp (Services with protocol SCTP need it): docs/host.md.
 */
export const DISABLED_MODULES: { name: string; control: string }[] = [
  { name: 'cramfs', control: '1.1.1.1' },
  { name: 'freevxfs', control: '1.1.1.2' },
  { name: 'jffs2', control: '1.1.1.3' },
  { name: 'hfs', control: '1.1.1.4' },
  { name: 'hfsplus', control: '1.1.1.5' },
  { name: 'udf', control: '1.1.1.7' },
  { name: 'usb_storage', control: '1.1.24' },
  { name: 'dccp', control: '3.4.1' },
  { name: 'rds', control: '3.4.3' },
  { name: 'tipc', control: '3.4.4' },
];

/** `install MOD /bin/false` (or true): modprobe runs that command instead of loading the module. */
const REFUSES = /^(\/usr)?\/bin\/(false|true)(\s|$)/;

function howDisabled(m: HostModules, name: string): string | null {
  const install = m.install[name];
  if (install && REFUSES.test(install.command)) return `install ${install.command} (${install.file})`;
  if (m.blacklist[name]) return `blacklist (${m.blacklist[name]})`;
  return null;
}

export default defineCheck({
  id: 'host.kernel.modules-disabled',
  title: 'Unneeded filesystem and network protocol modules cannot be loaded',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [dil('1.1.1'), dil('3.4')],
  remediation:
    'Add "install MODULE /bin/false" and "blacklist MODULE" to a file under /etc/modprobe.d (for example ' +
    'cis.conf), and unload a loaded one with "modprobe -r MODULE".',
  requires: ['host.modules'],
  evaluate: ({ facts, target }): Finding[] => {
    const m = facts['host.modules'];
    return DISABLED_MODULES.map(({ name, control }): Finding => {
      const resource = { kind: 'KernelModule', name };
      const how = howDisabled(m, name);
      const loaded = m.loaded?.includes(name) ?? null;
      const evidence = { control, disabledBy: how, loaded, ...(m.loadedNote ? { loadedNote: m.loadedNote } : {}) };
      if (loaded) {
        return {
          status: 'fail',
          resource,
          message: `Kernel module ${name} is loaded on ${target.name}: its code is reachable from user space.`,
          evidence,
        };
      }
      if (!how) {
        return {
          status: 'fail',
          resource,
          message: `Kernel module ${name} can be loaded on ${target.name}: no modprobe.d install or blacklist line stops it.`,
          evidence,
        };
      }
      return {
        status: 'pass',
        resource,
        message: `Kernel module ${name} is disabled on ${target.name} by ${how}${loaded === false ? ' and is not loaded' : ''}.`,
        evidence,
      };
    });
  },
});
