import type { KTlsEndpoint } from '../../core/facts/k8s';
import type { Fact } from '../../core/model';
import { probeTls, type TlsProbeOptions } from './probe';

/**
 * Probes the extra endpoints a cluster's configuration names (`clusters[].tlsEndpoints`), one after the other (each
 * probe already runs its handshakes in parallel). Always `ok`: an endpoint that fails is recorded with its reason,
 * so one unreachable endpoint never hides the others. No endpoints configured gives an empty list.
 */
export async function probeTlsEndpoints(
  endpoints: readonly string[],
  opts: TlsProbeOptions = {},
): Promise<Fact<KTlsEndpoint[]>> {
  const out: KTlsEndpoint[] = [];
  for (const endpoint of endpoints) {
    if (opts.signal?.aborted) {
      out.push({ endpoint, probe: null, error: 'aborted: the scan ran out of time' });
      continue;
    }
    const f = await probeTls(endpoint, opts);
    out.push(f.ok ? { endpoint, probe: f.value } : { endpoint, probe: null, error: f.reason });
  }
  return { ok: true, value: out };
}
