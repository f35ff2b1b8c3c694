import { defineCases } from '../../test/support/cases';
import { BROKEN_KUBELET_CONFIG, HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import check from './kubelet-server-cert-rotation';

const FILE = '/var/lib/kubelet/config.yaml';
const BOOTSTRAP = { ...HARDENED_KUBELET, serverTLSBootstrap: true };
/** A configuration file that is not valid YAML, beside visible process flags. */
const brokenConfigWith = (flags: Record<string, string>) => ({
  'host.kubelet': {
    ok: true as const,
    value: { ...(BROKEN_KUBELET_CONFIG.ok ? BROKEN_KUBELET_CONFIG.value : { present: true, config: null }), flags },
  },
});

export default defineCases(check, [
  {
    name: 'fails with the gate on by default but serverTLSBootstrap at its default (false), naming the setting',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET) },
    expect: [
      {
        status: 'fail',
        kind: 'Kubelet',
        resource: 'kubelet',
        message: `The kubelet on node-1 does not rotate its serving certificate: serverTLSBootstrap is false (${FILE}: serverTLSBootstrap not set (default)). It serves a certificate it signed itself or one installed by hand, which nothing renews.`,
        evidence: {
          serverTLSBootstrap: { value: 'false', from: `${FILE}: serverTLSBootstrap not set (default)` },
          RotateKubeletServerCertificate: {
            value: 'true',
            from: `${FILE}: featureGates.RotateKubeletServerCertificate not set (default)`,
          },
        },
      },
    ],
  },
  {
    name: 'passes with serverTLSBootstrap: true and the gate at its default, naming both',
    facts: { 'host.kubelet': kubelet(BOOTSTRAP) },
    expect: [
      {
        status: 'pass',
        message: `The kubelet on node-1 requests and rotates its serving certificate: serverTLSBootstrap is true (${FILE}: serverTLSBootstrap); the RotateKubeletServerCertificate feature gate is true (${FILE}: featureGates.RotateKubeletServerCertificate not set (default)).`,
      },
    ],
  },
  {
    name: 'fails when the configuration file turns the gate off, naming the gate',
    facts: {
      'host.kubelet': kubelet({ ...BOOTSTRAP, featureGates: { RotateKubeletServerCertificate: false } }),
    },
    expect: [
      {
        status: 'fail',
        message: `the RotateKubeletServerCertificate feature gate is false (${FILE}: featureGates.RotateKubeletServerCertificate).`,
      },
    ],
  },
  {
    name: 'fails when --feature-gates turns the gate off over a file that turns it on',
    facts: {
      'host.kubelet': kubelet(
        { ...BOOTSTRAP, featureGates: { RotateKubeletServerCertificate: true } },
        { 'feature-gates': 'SomeOtherGate=true,RotateKubeletServerCertificate=false' },
      ),
    },
    expect: [{ status: 'fail', message: 'flag --feature-gates RotateKubeletServerCertificate=false' }],
  },
  {
    name: 'reads the gate from the file when --feature-gates names other gates only (the kubelet merges them)',
    facts: {
      'host.kubelet': kubelet(
        { ...BOOTSTRAP, featureGates: { RotateKubeletServerCertificate: false } },
        { 'feature-gates': 'SomeOtherGate=true' },
      ),
    },
    expect: [{ status: 'fail', message: `(${FILE}: featureGates.RotateKubeletServerCertificate)` }],
  },
  {
    name: 'passes the bare flag --rotate-server-certificates without a configuration file',
    facts: { 'host.kubelet': kubelet(null, { 'rotate-server-certificates': 'true' }) },
    expect: [
      {
        status: 'pass',
        message:
          'serverTLSBootstrap is true (flag --rotate-server-certificates); the RotateKubeletServerCertificate feature gate is true (feature gate RotateKubeletServerCertificate not set (default)).',
      },
    ],
  },
  {
    name: 'fails when --rotate-server-certificates=false overrides serverTLSBootstrap: true',
    facts: { 'host.kubelet': kubelet(BOOTSTRAP, { 'rotate-server-certificates': 'false' }) },
    expect: [{ status: 'fail', message: 'serverTLSBootstrap is false (flag --rotate-server-certificates)' }],
  },
  {
    name: 'is unknown on a serverTLSBootstrap the kubelet refuses, when the gate is on',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, serverTLSBootstrap: 'maybe' }) },
    expect: [
      {
        status: 'unknown',
        message: `Could not assess serving certificate rotation of the kubelet on node-1: serverTLSBootstrap is maybe (${FILE}: serverTLSBootstrap), not a boolean the kubelet accepts.`,
      },
    ],
  },
  {
    name: 'fails on a gate that is off even when serverTLSBootstrap cannot be read (the gate decides)',
    facts: {
      'host.kubelet': kubelet(
        { ...HARDENED_KUBELET, serverTLSBootstrap: 'maybe' },
        { 'feature-gates': 'RotateKubeletServerCertificate=false' },
      ),
    },
    expect: [{ status: 'fail', message: 'feature gate is false (flag --feature-gates' }],
  },
  {
    name: 'is unknown on --rotate-server-certificates with a space before true, which Go does not read as a boolean',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, { 'rotate-server-certificates': ' true' }) },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess serving certificate rotation of the kubelet on node-1: serverTLSBootstrap is  true (flag --rotate-server-certificates), not a boolean the kubelet accepts.',
        evidence: { serverTLSBootstrap: { value: ' true', from: 'flag --rotate-server-certificates' } },
      },
    ],
  },
  {
    name: 'is unknown with both reasons when serverTLSBootstrap is refused and the gate is in an unusable file',
    facts: brokenConfigWith({ 'rotate-server-certificates': 'maybe' }),
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess serving certificate rotation of the kubelet on node-1: serverTLSBootstrap is maybe (flag --rotate-server-certificates), not a boolean the kubelet accepts; its configuration file /var/lib/kubelet/config.yaml is unusable (not valid YAML or JSON: bad indentation).',
        evidence: {
          serverTLSBootstrap: { value: 'maybe', from: 'flag --rotate-server-certificates' },
          RotateKubeletServerCertificate: { value: null, from: null },
        },
      },
    ],
  },
  {
    name: 'passes from the configuration file when the process flags are not visible, keeping the note',
    facts: { 'host.kubelet': kubelet(BOOTSTRAP, null) },
    expect: [
      {
        status: 'pass',
        evidence: {
          serverTLSBootstrap: { value: 'true', from: `${FILE}: serverTLSBootstrap` },
          flagsNote: 'the kubelet process is not visible under a host root',
        },
      },
    ],
  },
  {
    name: 'is unknown when the configuration file is not valid YAML, with the reason once',
    facts: { 'host.kubelet': BROKEN_KUBELET_CONFIG },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess serving certificate rotation of the kubelet on node-1: its configuration file /var/lib/kubelet/config.yaml is unusable (not valid YAML or JSON: bad indentation).',
      },
    ],
  },
  {
    name: 'passes from the flags alone over an unusable configuration file (flags override the file)',
    facts: {
      'host.kubelet': {
        ok: true,
        value: {
          ...(BROKEN_KUBELET_CONFIG.ok ? BROKEN_KUBELET_CONFIG.value : { present: true, config: null }),
          flags: { 'rotate-server-certificates': 'true', 'feature-gates': 'RotateKubeletServerCertificate=true' },
        },
      },
    },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'is not applicable on a host without a kubelet',
    facts: { 'host.kubelet': NO_KUBELET },
    expect: [{ status: 'not-applicable', kind: 'Host' }],
  },
]);
