/**
 * An S3 copy of a node's output that is not what the node printed (a stale object, another node's): the API's copy
 * (the first characters of the real output) and the S3 object disagree. The protection compares them
 * (docs/reliability.md). The node must be partial with the reason and
 * resolve nothing; "protection removed" trusts the S3 copy and shows the oracle counting what that resolves.
 */

import { parseProbeOutput } from '../../src/collectors/host/parse-probe';
import type { FleetCollector } from '../../src/collectors/types';
import { record } from './support/ledger';
import { SimulatedFleet } from './support/ssm-fleet';
import {
  all,
  counted,
  emptyProbeOutput,
  expectSound,
  faulted,
  hideNodes,
  NODES,
  useSsmWorld,
} from './support/ssm-scenario';

useSsmWorld();

const NODE = NODES[1];
/** S3 holds a complete, clean document that this node did not print (the API copy shows the real start). */
const plan = () => ({ apiLimit: 1200, s3Outputs: { [NODE]: emptyProbeOutput() } });

describe('Scenario: an S3 copy that differs from the API copy', () => {
  it('makes that node partial, naming the mismatch, and resolves none of its findings', async () => {
    const r = await faulted(all('ok'), plan(), hideNodes(NODE));
    expectSound(r);
    const t = r.snapshot.targets.find((x) => x.name === NODE);
    expect(t?.status).toBe('partial');
    expect(t?.reason).toMatch(/S3.*(differ|match)|(differ|match).*S3/i);
    record({
      area: 'SSM',
      scenario: 'S3 copy of the output differs from the API copy on one node',
      outcome: 'that node partial (copies differ); its findings carried',
      ...counted(r),
    });
  });

  it('protection removed: trusting the S3 copy makes the oracle count false resolutions', async () => {
    // The collector as it would be without the comparison: that node's facts are read from the S3 copy alone.
    const collector = SimulatedFleet.prototype.collector;
    jest.spyOn(SimulatedFleet.prototype, 'collector').mockImplementation(function (this: SimulatedFleet, name) {
      const real: FleetCollector = collector.call(this, name);
      return {
        ...real,
        collect: async (ctx) => {
          const out = await real.collect(ctx);
          const s3Copy = this.opts.s3Outputs?.[NODE];
          return {
            ...out,
            facts: out.facts.map((tf) =>
              tf.target.name === NODE && s3Copy ? parseProbeOutput(s3Copy, tf.target) : tf,
            ),
          };
        },
      };
    });
    const r = await faulted(all('ok'), plan(), hideNodes(NODE));
    expect(r.falseResolved.length).toBeGreaterThan(0);
  });
});
