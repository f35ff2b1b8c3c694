import { measureFleet } from './fleet';

describe('Function: measureFleet', () => {
  it('collects 100 simulated hosts through the SSM runner, counting every call against the minimum', async () => {
    const m = await measureFleet({ hosts: 100, seed: 42 });
    const extra = m.extra as {
      minimumCalls: number;
      callsByApi: Record<string, number>;
      hostsWithFacts: number;
      unreachable: number;
      offline: number;
      failedInvocations: number;
      s3ReadsNeeded: number;
      simulatedMs: number;
    };
    // Every online host whose probe succeeded has facts; offline and failed ones are unreachable with a reason.
    expect(extra.hostsWithFacts + extra.failedInvocations + extra.offline).toBe(100);
    // Each named once: offline nodes as ConnectionLost (never waited for until DeliveryTimedOut), failed probes.
    expect(extra.unreachable).toBe(extra.failedInvocations + extra.offline);
    expect(extra.callsByApi.SendCommand).toBe(1);
    // Polled with ListCommands (one call a round); the invocations paged once (2 pages of 50), plus throttled retries.
    expect(extra.callsByApi.ListCommands).toBeGreaterThan(0);
    expect(extra.callsByApi.ListCommandInvocations).toBeLessThanOrEqual(3);
    expect(extra.callsByApi.ListCommandInvocations).toBeGreaterThanOrEqual(2);
    expect(extra.callsByApi.GetObject).toBe(extra.s3ReadsNeeded);
    expect(m.apiCalls).toBe(Object.values(extra.callsByApi).reduce((a, b) => a + b, 0));
    expect(m.apiCalls).toBeGreaterThanOrEqual(extra.minimumCalls);
    expect(extra.simulatedMs).toBeLessThan(15 * 60_000);
  });
});
