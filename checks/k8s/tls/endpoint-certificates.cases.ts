import type { KTlsEndpoint } from '../../../src/core/facts/k8s';
import type { FactSet } from '../../../src/core/model';
import { defineCases } from '../../../test/support/cases';
import check from './endpoint-certificates';
import { cert, inDays, probe } from './fixtures';

const facts = (endpoints: KTlsEndpoint[] | string): FactSet => ({
  'k8s.namespaces': { ok: true, value: [] },
  'k8s.tlsEndpoints': typeof endpoints === 'string' ? { ok: false, reason: endpoints } : { ok: true, value: endpoints },
});
const at = (endpoint: string, p: ReturnType<typeof probe>): KTlsEndpoint => ({ endpoint, probe: { ...p, endpoint } });

export default defineCases(check, [
  {
    name: 'passes a sound endpoint and fails one whose certificate expires in 3 days, one result each',
    facts: facts([
      at('ingress.example.com:443', probe()),
      at('webhook.example.com:443', probe({ chain: [cert({ notAfter: inDays(3) })] })),
    ]),
    expect: [
      { status: 'pass', resource: 'ingress.example.com:443', kind: 'TlsEndpoint' },
      { status: 'fail', resource: 'webhook.example.com:443', severity: 'critical', message: 'expires in 3 day(s)' },
    ],
  },
  {
    name: 'fails high on TLS 1.0 accepted and a SHA-1 signed certificate',
    facts: facts([
      at(
        'registry.example.com:5000',
        probe({ protocols: { TLSv1: 'accepted' }, chain: [cert({ signatureAlgorithm: 'sha1WithRSAEncryption' })] }),
      ),
    ]),
    expect: [{ status: 'fail', severity: 'high', message: 'accepts TLSv1' }],
  },
  {
    name: 'fails medium on a CBC suite accepted',
    facts: facts([at('ingress.example.com:443', probe({ accepted: ['TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA'] }))]),
    expect: [{ status: 'fail', severity: 'medium', message: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA' }],
  },
  {
    name: 'is unknown for an endpoint that could not be probed, without hiding the others',
    facts: facts([
      {
        endpoint: 'down.example.com:443',
        probe: null,
        error: 'could not connect to down.example.com:443: ECONNREFUSED',
      },
      at('ingress.example.com:443', probe()),
    ]),
    expect: [
      { status: 'unknown', resource: 'down.example.com:443', message: 'ECONNREFUSED' },
      { status: 'pass', resource: 'ingress.example.com:443' },
    ],
  },
  {
    name: 'is unknown, not pass, when TLS 1.0 or weak-suite handshakes failed without a refusal',
    facts: facts([
      at('ingress.example.com:443', probe({ protocols: { TLSv1: 'error' } })),
      at('webhook.example.com:443', probe({ errored: ['TLS_RSA_WITH_AES_128_CBC_SHA'] })),
      at('old.example.com:443', probe({ protocols: { TLSv1: 'untested', 'TLSv1.1': 'untested' } })),
    ]),
    expect: [
      { status: 'unknown', resource: 'ingress.example.com:443', message: 'TLSv1 (error: ECONNRESET' },
      { status: 'unknown', resource: 'webhook.example.com:443', message: 'TLS_RSA_WITH_AES_128_CBC_SHA' },
      { status: 'unknown', resource: 'old.example.com:443', message: 'TLSv1 (untested' },
    ],
  },
  {
    name: 'still fails on what the probe did see when other handshakes failed',
    facts: facts([
      at(
        'ingress.example.com:443',
        probe({ protocols: { TLSv1: 'error' }, accepted: ['TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA'] }),
      ),
    ]),
    expect: [{ status: 'fail', severity: 'medium', message: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA' }],
  },
  {
    name: 'says nothing when no endpoint is configured',
    facts: facts([]),
    expect: [],
  },
  {
    name: 'is unknown when the endpoint probes could not run',
    facts: facts('not available from manifests'),
    expect: [{ status: 'unknown', message: 'not available from manifests' }],
  },
]);
