import type { HostServices } from '../../src/core/facts/host';
import { serviceState } from './service-helpers';

const TIME = [
  { process: 'chronyd', units: ['chronyd.service', 'chrony.service'] },
  { process: 'ntpd', units: ['ntpd.service'] },
];
const state = (over: Partial<HostServices>) => serviceState({ running: null, enabled: [], masked: [], ...over }, TIME);

describe('serviceState', () => {
  it('passes a live host running the second daemon, naming its process, with what was seen as evidence', () => {
    expect(state({ running: ['sshd', 'ntpd'], enabled: ['chronyd.service'] })).toEqual({
      status: 'pass',
      how: 'is running (ntpd)',
      evidence: { running: ['sshd', 'ntpd'], enabled: ['chronyd.service'], masked: [] },
    });
  });

  it('fails a live host running none of the daemons, naming every process looked for', () => {
    expect(state({ running: ['sshd'], enabled: ['chronyd.service'] })).toEqual({
      status: 'fail',
      how: 'is not running (no chronyd, ntpd process)',
      evidence: { running: ['sshd'], enabled: ['chronyd.service'], masked: [] },
    });
  });

  it('passes a host root with a unit enabled at boot and not masked', () => {
    expect(state({ enabled: ['chronyd.service', 'ntpd.service'], masked: ['chronyd.service'] })).toMatchObject({
      status: 'pass',
      how: 'is enabled at boot (ntpd.service; the host root shows no running process)',
    });
  });

  it('fails a host root with no unit enabled, naming every unit looked for', () => {
    expect(state({ enabled: ['sshd.service'] })).toEqual({
      status: 'fail',
      how: 'is not enabled at boot (none of chronyd.service, chrony.service, ntpd.service is enabled)',
      evidence: { running: null, enabled: ['sshd.service'], masked: [] },
    });
  });

  it('is unknown on a host root whose unit folders could not be read, unless a unit is seen enabled', () => {
    expect(state({ error: 'EACCES' })).toMatchObject({
      status: 'unknown',
      how: 'the systemd unit folders could not be read (EACCES)',
    });
    expect(state({ enabled: ['chrony.service'], error: 'EACCES' })).toMatchObject({ status: 'pass' });
  });
});
