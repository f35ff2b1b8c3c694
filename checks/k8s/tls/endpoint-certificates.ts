import { defineCheck } from '../../../src/core/check';
import type { Finding, Severity } from '../../../src/core/model';
import { severityRank } from '../../../src/core/model';
import { certificateWeaknesses } from './apiserver-cert-strength';
import { daysLeft, NSA_TLS } from './common';

const worst = (a: Severity, b: Severity): Severity => (severityRank(b) > severityRank(a) ? b : a);

/**
 * The extra TLS endpoints the configuration names (`clusters[].tlsEndpoints`: an ingress, a webhook, a registry...),
 * from the live probe: certificate expiry, weak keys and signatures, TLS 1.0/1.1 accepted, weak suites accepted.
 * One result per endpoint. Quiet when no endpoint is configured (the fact is only used, never required).
 */
export default defineCheck({
  id: 'k8s.tls.endpoint-certificates',
  title: 'Configured TLS endpoints serve sound, unexpired certificates and refuse old protocols and weak suites',
  severity: 'high',
  category: 'tls',
  targetKind: 'cluster',
  benchmarks: [NSA_TLS],
  remediation:
    'Renew the endpoint certificate before it expires (cert-manager automates it), issue it with an RSA 2048+ or ' +
    'ECDSA P-256+ key signed with SHA-256 or stronger, and configure the server to refuse TLS 1.0/1.1 and to offer ' +
    'only AEAD suites with forward secrecy (ECDHE with AES-GCM or ChaCha20-Poly1305).',
  requires: ['k8s.namespaces'],
  uses: ['k8s.tlsEndpoints'],
  evaluate({ optional, now, options }) {
    const fact = optional['k8s.tlsEndpoints'];
    if (!fact) return [];
    if (!fact.ok) {
      return [
        {
          status: 'unknown',
          resource: { kind: 'TlsEndpoint', name: 'configured endpoints' },
          message: `Could not probe the configured TLS endpoints: ${fact.reason.replace(/\.$/, '')}.`,
        },
      ];
    }
    return fact.value.map((e): Finding => {
      const resource = { kind: 'TlsEndpoint', name: e.endpoint };
      if (!e.probe) {
        return {
          status: 'unknown',
          resource,
          message: `Could not probe ${e.endpoint}: ${(e.error ?? 'no answer').replace(/\.$/, '')}.`,
        };
      }
      const p = e.probe;
      const problems: string[] = [];
      let severity: Severity = 'info';
      const leaf = p.chain[0];
      let expiryUnread = false;
      if (leaf) {
        const notAfter = new Date(leaf.notAfter);
        expiryUnread = Number.isNaN(notAfter.getTime());
        if (!expiryUnread) {
          const days = daysLeft(leaf.notAfter, now);
          if (notAfter.getTime() <= now.getTime()) {
            problems.push(`certificate expired on ${leaf.notAfter.slice(0, 10)}`);
            severity = worst(severity, 'critical');
          } else if (days < options.certExpiryDays.critical) {
            problems.push(`certificate expires in ${days} day(s)`);
            severity = worst(severity, 'critical');
          } else if (days < options.certExpiryDays.high) {
            problems.push(`certificate expires in ${days} day(s)`);
            severity = worst(severity, 'high');
          }
        }
      }
      for (const c of p.chain) {
        const weak = certificateWeaknesses(c);
        if (weak.length > 0) {
          problems.push(`${c.subject}: ${weak.join(', ')}`);
          severity = worst(severity, 'high');
        }
      }
      const old = p.protocols.filter(
        (x) => (x.protocol === 'TLSv1' || x.protocol === 'TLSv1.1') && x.outcome === 'accepted',
      );
      if (old.length > 0) {
        problems.push(`accepts ${old.map((x) => x.protocol).join(' and ')}`);
        severity = worst(severity, 'high');
      }
      const suites = p.ciphers.filter((c) => c.outcome === 'accepted');
      if (suites.length > 0) {
        problems.push(`accepts ${suites.map((c) => c.name).join(', ')}`);
        severity = worst(severity, suites.some((c) => c.strength === 'insecure') ? 'high' : 'medium');
      }
      const evidence = {
        chain: p.chain.map((c) => ({
          subject: c.subject,
          notAfter: c.notAfter,
          keyType: c.keyType,
          keyBits: c.keyBits,
          signatureAlgorithm: c.signatureAlgorithm,
        })),
        verification: p.verification,
      };
      if (!leaf)
        return { status: 'unknown', resource, message: `Could not assess ${e.endpoint}: it served no certificate.` };
      if (problems.length > 0) {
        return { status: 'fail', severity, resource, message: `${e.endpoint}: ${problems.join('; ')}.`, evidence };
      }
      // A certificate whose expiry cannot be read is not known to be valid.
      if (expiryUnread) {
        return {
          status: 'unknown',
          resource,
          message: `Could not assess ${e.endpoint}: the expiry date of its certificate could not be read.`,
          evidence,
        };
      }
      // A pass needs the server's own refusal of TLS 1.0 and 1.1 and of every weak suite offered: a reset, a
      // timeout or a version this scanner cannot offer is no evidence.
      const undecided = [
        ...(['TLSv1', 'TLSv1.1'] as const).flatMap((v) => {
          const r = p.protocols.find((x) => x.protocol === v);
          return r?.outcome === 'refused' ? [] : [`${v} (${r?.outcome ?? 'not probed'}: ${r?.detail ?? ''})`];
        }),
        ...p.ciphers.filter((c) => c.outcome === 'error').map((c) => `${c.name} (error: ${c.detail ?? 'no answer'})`),
      ];
      if (undecided.length > 0) {
        return {
          status: 'unknown',
          resource,
          message: `Could not assess ${e.endpoint}: the probe got no refusal for ${undecided.slice(0, 3).join(', ')}${undecided.length > 3 ? ` and ${undecided.length - 3} more` : ''}.`,
          evidence,
        };
      }
      return {
        status: 'pass',
        resource,
        message: `${e.endpoint} serves a sound certificate valid until ${leaf.notAfter.slice(0, 10)} and refuses TLS 1.0/1.1 and weak suites.`,
        evidence,
      };
    });
  },
});
