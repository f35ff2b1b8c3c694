import type { KTlsProbe } from '../../../src/core/facts/k8s';
import type { FactSet } from '../../../src/core/model';

/** The live probe of the API server when the check may use it: the value, or why it is not there. */
export function apiserverProbe(optional: FactSet): { probe: KTlsProbe } | { missing: string } {
  const f = optional['k8s.apiserverTls'];
  if (!f) return { missing: 'the live TLS probe did not run' };
  if (!f.ok) return { missing: `live TLS probe: ${f.reason}` };
  return { probe: f.value };
}
