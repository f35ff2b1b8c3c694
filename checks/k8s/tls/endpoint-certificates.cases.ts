import type { KTlsEndpoint } from '../../../src/core/facts/k8s';
import type { FactSet } from '../../../src/core/model';
import { defineCases } from '../../../test/support/cases';
import check from './endpoint-certificates';
import { cert, inDays, PROBED_SUITES, probe } from './fixtures';

const facts = (endpoints: KTlsEndpoint[] | string): FactSet => ({
  'k8s.namespaces': { ok: true, value: [] },
  'k8s.tlsEndpoints': typeof endpoints === 'string' ? { ok: false, reason: endpoints } : { ok: true, value: endpoints },
});
const at = (endpoint: string, p: ReturnType<typeof probe>): KTlsEndpoint => ({ endpoint, probe: { ...p, endpoint } });
const ALL = PROBED_SUITES.map((s) => s.name);
const LEAF = {
  subject: 'CN=kube-apiserver',
  keyType: 'RSA',
  keyBits: 2048,
  signatureAlgorithm: 'sha256WithRSAEncryption',
};

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
  {
    name: 'pins the whole pass sentence and the chain evidence of a sound endpoint',
    facts: facts([at('ingress.example.com:443', probe({ chain: [cert({ notAfter: inDays(30) })] }))]),
    expect: [
      {
        status: 'pass',
        resource: 'ingress.example.com:443',
        kind: 'TlsEndpoint',
        message:
          'ingress.example.com:443 serves a sound certificate valid until 2026-07-01 and refuses TLS 1.0/1.1 and weak suites.',
        evidence: {
          chain: [{ ...LEAF, notAfter: inDays(30) }],
          verification: { ok: true, against: 'given CA' },
        },
      },
    ],
  },
  {
    name: 'fails critical on a certificate that expires at the scan instant, high at the critical boundary',
    facts: facts([
      at('a.example.com:443', probe({ chain: [cert({ notAfter: inDays(0) })] })),
      at('b.example.com:443', probe({ chain: [cert({ notAfter: inDays(7) })] })),
      at('c.example.com:443', probe({ chain: [cert({ notAfter: inDays(29) })] })),
      at('d.example.com:443', probe({ chain: [cert({ notAfter: inDays(-2) })] })),
    ]),
    expect: [
      {
        status: 'fail',
        resource: 'a.example.com:443',
        severity: 'critical',
        message: 'a.example.com:443: certificate expired on 2026-06-01.',
      },
      {
        status: 'fail',
        resource: 'b.example.com:443',
        severity: 'high',
        message: 'b.example.com:443: certificate expires in 7 day(s).',
      },
      {
        status: 'fail',
        resource: 'c.example.com:443',
        severity: 'high',
        message: 'c.example.com:443: certificate expires in 29 day(s).',
      },
      {
        status: 'fail',
        resource: 'd.example.com:443',
        severity: 'critical',
        message: 'd.example.com:443: certificate expired on 2026-05-30.',
        evidence: { chain: [{ ...LEAF, notAfter: inDays(-2) }] },
      },
    ],
  },
  {
    name: 'keeps the worst severity: a critical expiry with a SHA-1 signature stays critical, every problem named',
    facts: facts([
      at(
        'old.example.com:443',
        probe({
          chain: [cert({ notAfter: inDays(3), signatureAlgorithm: 'sha1WithRSAEncryption' })],
          protocols: { TLSv1: 'accepted', 'TLSv1.1': 'accepted' },
          accepted: ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'],
        }),
      ),
    ]),
    expect: [
      {
        status: 'fail',
        severity: 'critical',
        message:
          'old.example.com:443: certificate expires in 3 day(s); CN=kube-apiserver: sha1WithRSAEncryption signature; accepts TLSv1 and TLSv1.1; accepts TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA.',
      },
    ],
  },
  {
    name: 'fails high on a SHA-1 signed certificate alone, naming it',
    facts: facts([
      at('sha1.example.com:443', probe({ chain: [cert({ signatureAlgorithm: 'sha1WithRSAEncryption' })] })),
    ]),
    expect: [
      {
        status: 'fail',
        severity: 'high',
        message: 'sha1.example.com:443: CN=kube-apiserver: sha1WithRSAEncryption signature.',
      },
    ],
  },
  {
    name: 'fails high on TLS 1.1 accepted alone',
    facts: facts([at('v11.example.com:443', probe({ protocols: { 'TLSv1.1': 'accepted' } }))]),
    expect: [{ status: 'fail', severity: 'high', message: 'v11.example.com:443: accepts TLSv1.1.' }],
  },
  {
    name: 'fails high when an insecure suite is accepted, alone or beside a CBC suite',
    facts: facts([
      at('rc4.example.com:443', probe({ accepted: ['TLS_RSA_WITH_RC4_128_SHA'] })),
      at(
        'mix.example.com:443',
        probe({ accepted: ['TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA'] }),
      ),
    ]),
    expect: [
      {
        status: 'fail',
        resource: 'rc4.example.com:443',
        severity: 'high',
        message: 'rc4.example.com:443: accepts TLS_RSA_WITH_RC4_128_SHA.',
      },
      {
        status: 'fail',
        resource: 'mix.example.com:443',
        severity: 'high',
        message: 'mix.example.com:443: accepts TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA.',
      },
    ],
  },
  {
    name: 'is unknown, not pass, when TLS 1.1 got no refusal though TLS 1.0 did',
    facts: facts([at('v11.example.com:443', probe({ protocols: { 'TLSv1.1': 'error' } }))]),
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess v11.example.com:443: the probe got no refusal for TLSv1.1 (error: ECONNRESET: read ECONNRESET (not a TLS refusal)).',
        evidence: { chain: [{ ...LEAF }, { subject: 'CN=kubernetes' }] },
      },
    ],
  },
  {
    name: 'is unknown when TLS 1.0 and 1.1 were not probed at all, naming at most three and counting the rest',
    facts: facts([
      at('few.example.com:443', {
        ...probe({ errored: ALL.slice(0, 1) }),
        protocols: [{ protocol: 'TLSv1.2', outcome: 'accepted' }],
      }),
      at('many.example.com:443', {
        ...probe({ errored: ALL.slice(0, 3) }),
        protocols: [{ protocol: 'TLSv1.2', outcome: 'accepted' }],
      }),
    ]),
    expect: [
      {
        status: 'unknown',
        resource: 'few.example.com:443',
        message:
          'Could not assess few.example.com:443: the probe got no refusal for TLSv1 (not probed: ), TLSv1.1 (not probed: ), TLS_RSA_WITH_RC4_128_SHA (error: no answer within 5000 ms).',
      },
      {
        status: 'unknown',
        resource: 'many.example.com:443',
        message:
          'Could not assess many.example.com:443: the probe got no refusal for TLSv1 (not probed: ), TLSv1.1 (not probed: ), TLS_RSA_WITH_RC4_128_SHA (error: no answer within 5000 ms) and 2 more.',
      },
    ],
  },
  {
    name: 'says "no answer" for a failed suite handshake without detail',
    facts: facts([
      at('ingress.example.com:443', {
        ...probe({ errored: ['TLS_RSA_WITH_NULL_SHA'] }),
        ciphers: probe({ errored: ['TLS_RSA_WITH_NULL_SHA'] }).ciphers.map(({ detail: _d, ...c }) => c),
      }),
    ]),
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess ingress.example.com:443: the probe got no refusal for TLS_RSA_WITH_NULL_SHA (error: no answer).',
      },
    ],
  },
  {
    name: 'is unknown when the endpoint served no certificate',
    facts: facts([at('empty.example.com:443', probe({ chain: [] }))]),
    expect: [
      {
        status: 'unknown',
        resource: 'empty.example.com:443',
        message: 'Could not assess empty.example.com:443: it served no certificate.',
        evidence: undefined,
      },
    ],
  },
  {
    name: 'is unknown, not pass, when the certificate expiry date cannot be read',
    facts: facts([at('odd.example.com:443', probe({ chain: [cert({ notAfter: 'not a date' })] }))]),
    expect: [
      {
        status: 'unknown',
        resource: 'odd.example.com:443',
        message: 'Could not assess odd.example.com:443: the expiry date of its certificate could not be read.',
      },
    ],
  },
  {
    name: 'still fails on what it saw when the certificate expiry date cannot be read',
    facts: facts([
      at(
        'odd.example.com:443',
        probe({ chain: [cert({ notAfter: 'not a date' })], accepted: ['TLS_RSA_WITH_NULL_SHA'] }),
      ),
    ]),
    expect: [{ status: 'fail', severity: 'high', message: 'odd.example.com:443: accepts TLS_RSA_WITH_NULL_SHA.' }],
  },
  {
    name: 'says why an endpoint could not be probed, whole sentence, with or without an error',
    facts: facts([
      { endpoint: 'down.example.com:443', probe: null, error: 'connect to down.example.com:443: ECONNREFUSED.' },
      { endpoint: 'mute.example.com:443', probe: null },
    ]),
    expect: [
      {
        status: 'unknown',
        resource: 'down.example.com:443',
        kind: 'TlsEndpoint',
        message: 'Could not probe down.example.com:443: connect to down.example.com:443: ECONNREFUSED.',
      },
      {
        status: 'unknown',
        resource: 'mute.example.com:443',
        message: 'Could not probe mute.example.com:443: no answer.',
      },
    ],
  },
  {
    name: 'names the configured endpoints as the resource when their probes could not run',
    facts: facts('could not read tls.endpoints.'),
    expect: [
      {
        status: 'unknown',
        resource: 'configured endpoints',
        kind: 'TlsEndpoint',
        message: 'Could not probe the configured TLS endpoints: could not read tls.endpoints.',
      },
    ],
  },
  {
    name: 'says nothing when the endpoint fact is absent',
    facts: { 'k8s.namespaces': { ok: true, value: [] } },
    expect: [],
  },
  {
    name: 'names every weakness of one certificate',
    facts: facts([
      at(
        'weak.example.com:443',
        probe({ chain: [cert({ keyBits: 1024, signatureAlgorithm: 'sha1WithRSAEncryption' })] }),
      ),
    ]),
    expect: [
      {
        status: 'fail',
        severity: 'high',
        message: 'weak.example.com:443: CN=kube-apiserver: RSA 1024-bit key, sha1WithRSAEncryption signature.',
      },
    ],
  },
]);
