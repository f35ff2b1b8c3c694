/**
 * SSM faults through the real pipeline: runScan() with the real SSM runner (ssmHostCollector) over a simulated
 * fleet, the real host checks, and a real local snapshot store. A healthy first scan sets the baseline (the demo
 * node's planted weaknesses fail); a fault-free reference scan (not stored) tells the oracle the truth; the second
 * scan runs with the fault. The oracle (support/oracle.ts) counts resolutions the world does not support; every
 * node appears with its status and reason, and each scan is stored exactly once (counted from the store). The fleet
 * runs on a virtual clock: no real time decides an outcome.
 */
import { record } from './support/ledger';
import {
  all,
  counted,
  expectSound,
  faulted,
  hideNodes,
  NODES,
  probeOutput,
  removeCompletenessCheck,
  useSsmWorld,
} from './support/ssm-scenario';

useSsmWorld();

describe('Scenario: SSM faults through runScan', () => {
  it('rides out bursts of ThrottlingException on every call and assesses the whole fleet', async () => {
    const r = await faulted(all('ok'), { throttle: { describe: 3, send: 2, list: 4, getObject: 3 } }, []);
    expectSound(r);
    expect(r.fleet.throttles).toBe(12);
    expect(r.snapshot.targets.every((t) => t.status === 'assessed')).toBe(true);
    expect(r.diff.unassessed).toEqual([]);
    record({
      area: 'SSM',
      scenario: 'ThrottlingException bursts (12 throttled calls)',
      outcome: 'all 4 nodes assessed after backoff; diff unchanged',
      ...counted(r),
    });
  });

  it('makes Undeliverable, TimedOut and never-answering nodes unreachable with their reasons, resolving nothing', async () => {
    const r = await faulted(
      {
        [NODES[0]]: 'ok',
        [NODES[1]]: 'undeliverable',
        [NODES[2]]: 'timed-out',
        [NODES[3]]: 'silent',
      },
      { budgetMs: 200_000 },
      hideNodes(...NODES.slice(1)),
    );
    expectSound(r);
    const reason = (id: string) => r.snapshot.targets.find((t) => t.name === id);
    expect(reason(NODES[0])?.status).toBe('assessed');
    expect(reason(NODES[1])).toMatchObject({ status: 'unreachable', reason: expect.stringContaining('Undeliverable') });
    expect(reason(NODES[2])).toMatchObject({
      status: 'unreachable',
      reason: expect.stringContaining('ExecutionTimedOut'),
    });
    expect(reason(NODES[3])).toMatchObject({
      status: 'unreachable',
      reason: expect.stringContaining('did not answer before the deadline'),
    });
    expect(r.diff.unassessed.length).toBeGreaterThan(0);
    expect(new Set(r.diff.unassessed.map((u) => u.previous.target))).toEqual(new Set(NODES.slice(1)));
    record({
      area: 'SSM',
      scenario: 'fleet with Undeliverable, TimedOut and never-answering nodes',
      outcome: '1 assessed, 3 unreachable with reasons; their open findings carried, none resolved',
      ...counted(r),
    });
  });

  it('treats output truncated by the API, with no S3 copy, as unknown with the reason', async () => {
    const r = await faulted(all('ok'), { withS3: false }, hideNodes(...NODES));
    expectSound(r);
    for (const t of r.snapshot.targets) {
      expect(t.status).toBe('partial');
      expect(t.reason).toContain('set ssm.outputBucket');
    }
    expect(r.snapshot.results.some((x) => x.status === 'unknown')).toBe(true);
    record({
      area: 'SSM',
      scenario: 'output truncated by the API, no S3 copy',
      outcome: 'targets partial with the reason (set ssm.outputBucket); findings carried',
      ...counted(r),
    });
  });

  it('treats a missing S3 copy of the output as unknown, naming the object', async () => {
    const r = await faulted({ ...all('ok'), [NODES[2]]: 's3-missing' }, {}, hideNodes(NODES[2]));
    expectSound(r);
    const t = r.snapshot.targets.find((x) => x.name === NODES[2]);
    expect(t?.status).toBe('partial');
    expect(t?.reason).toMatch(
      /could not be read from s3:\/\/out-bucket\/ssm-output\/cmd-1\/i-0000000000000000c.*NoSuchKey/,
    );
    expect(r.snapshot.targets.filter((x) => x.status === 'assessed')).toHaveLength(3);
    record({
      area: 'SSM',
      scenario: 'S3 copy of the output missing (NoSuchKey) on one node',
      outcome: 'that node partial, naming the S3 object; its findings carried',
      ...counted(r),
    });
  });
});

describe('Scenario: the Lambda runs out of time in the middle of SSM collection', () => {
  it('returns the nodes that answered, the rest unknown, and leaves the safety margin free', async () => {
    const r = await faulted(
      { [NODES[0]]: 'ok', [NODES[1]]: 'silent', [NODES[2]]: 'ok', [NODES[3]]: 'silent' },
      { budgetMs: 60_000 },
      hideNodes(NODES[1], NODES[3]),
    );
    expectSound(r);
    const status = Object.fromEntries(r.snapshot.targets.map((t) => [t.name, t.status]));
    expect(status).toEqual({
      [NODES[0]]: 'assessed',
      [NODES[1]]: 'unreachable',
      [NODES[2]]: 'assessed',
      [NODES[3]]: 'unreachable',
    });
    for (const id of [NODES[1], NODES[3]])
      expect(r.snapshot.targets.find((t) => t.name === id)?.reason).toMatch(/did not answer before the deadline/);
    // The collector stopped polling before the 20 s kept for evaluation and storage.
    expect(r.fleet.now).toBeLessThanOrEqual(60_000 - 20_000);
    record({
      area: 'Time',
      scenario: 'Lambda time runs out mid-collection (SSM, 2 of 4 nodes silent)',
      outcome: 'answered nodes assessed; silent ones unknown (deadline); margin kept; findings carried',
      ...counted(r),
    });
  });
});

describe("Scenario: the nightly handler's time signal ends SSM collection", () => {
  it('still reads the output of the nodes that answered; only the silent ones are unknown', async () => {
    const r = await faulted(
      { [NODES[0]]: 'ok', [NODES[1]]: 'silent', [NODES[2]]: 'ok', [NODES[3]]: 'silent' },
      { abortAtMs: 30_000 },
      hideNodes(NODES[1], NODES[3]),
    );
    expectSound(r);
    const status = Object.fromEntries(r.snapshot.targets.map((t) => [t.name, t.status]));
    expect(status).toEqual({
      [NODES[0]]: 'assessed',
      [NODES[1]]: 'unreachable',
      [NODES[2]]: 'assessed',
      [NODES[3]]: 'unreachable',
    });
    record({
      area: 'Time',
      scenario: "the handler's AbortSignal ends SSM polling (2 of 4 nodes silent)",
      outcome: 'outputs of the answered nodes still read and assessed; silent ones unknown',
      ...counted(r),
    });
  });
});

/** The node's output cut by the probe itself (killed mid-run), inside its "sshd" section. */
function cutInsideSection(): string {
  const output = probeOutput();
  const at = output.indexOf('"sshd":');
  expect(at).toBeGreaterThan(0);
  return output.slice(0, at + 40);
}

describe('Scenario: an SSM invocation reported Success with empty output', () => {
  const plan = { outputs: { [NODES[1]]: '' }, apiLimit: 24_000 };

  it('makes that node partial (the probe printed nothing) and resolves none of its findings', async () => {
    const r = await faulted(all('ok'), plan, hideNodes(NODES[1]));
    expectSound(r);
    const t = r.snapshot.targets.find((x) => x.name === NODES[1]);
    expect(t?.status).toBe('partial');
    expect(t?.reason).toContain('the host probe printed nothing');
    expect(r.snapshot.targets.filter((x) => x.status === 'assessed')).toHaveLength(3);
    record({
      area: 'SSM',
      scenario: 'invocation Success with empty output on one node',
      outcome: 'that node partial (printed nothing); its findings carried',
      ...counted(r),
    });
  });

  it('protection removed: reading empty output as an empty host makes the oracle count false resolutions', async () => {
    removeCompletenessCheck(NODES[1]);
    const r = await faulted(all('ok'), plan, hideNodes(NODES[1]));
    expect(r.falseResolved.length).toBeGreaterThan(0);
    expect(r.falseResolved.every((x) => x.includes(NODES[1]))).toBe(true);
  });
});

describe('Scenario: the probe output cut inside a section', () => {
  const cases = [
    ['with the S3 copy', {}],
    ['without the S3 copy', { withS3: false }],
  ] as const;

  it.each(cases)('%s: makes that node partial (truncated) and resolves none of its findings', async (label, extra) => {
    const r = await faulted(
      all('ok'),
      { ...extra, apiLimit: 24_000, outputs: { [NODES[2]]: cutInsideSection() } },
      hideNodes(NODES[2]),
    );
    expectSound(r);
    const t = r.snapshot.targets.find((x) => x.name === NODES[2]);
    expect(t?.status).toBe('partial');
    // Caught as truncated (no end marker) or, with a length-bound output, as not what the invocation printed.
    expect(t?.reason).toMatch(/the host probe output is truncated|does not match/);
    expect(r.snapshot.targets.filter((x) => x.status === 'assessed')).toHaveLength(3);
    record({
      area: 'SSM',
      scenario: `probe output cut inside the sshd section, ${label}`,
      outcome: 'that node partial (truncated); its findings carried',
      ...counted(r),
    });
  });

  it.each(cases)('%s, protection removed: the oracle counts the false resolutions', async (_label, extra) => {
    removeCompletenessCheck(NODES[2]);
    const r = await faulted(
      all('ok'),
      { ...extra, apiLimit: 24_000, outputs: { [NODES[2]]: cutInsideSection() } },
      hideNodes(NODES[2]),
    );
    expect(r.falseResolved.length).toBeGreaterThan(0);
  });
});
