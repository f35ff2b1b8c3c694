/**
 * The one configuration (compliance-bot.config.yaml): read by the CLI, the Lambdas and the tests. Every key is
 * documented in compliance-bot.config.example.yaml.
 */
import { z } from 'zod';
import { FRAMEWORK_DATA } from '../core/frameworks/data';
import { SEVERITIES } from '../core/model';
import { parseCidr } from '../core/netpol/cidr';

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'use lower-case letters, digits, ".", "_" and "-" (at most 63 characters)');

const severity = z.enum(SEVERITIES);

/** Where a cluster's credentials come from: exactly one source. */
const kubeconfigSource = z
  .object({
    /** A kubeconfig file (CLI); `~` is expanded. */
    file: z.string().min(1).optional(),
    /** An SSM Parameter Store SecureString holding a kubeconfig (Lambda). */
    parameter: z
      .string()
      .regex(/^\/[A-Za-z0-9_.\-/]+$/, 'an SSM parameter name starting with "/"')
      .optional(),
    /** A Secrets Manager secret (name or ARN) holding a kubeconfig (Lambda). */
    secret: z.string().min(1).optional(),
    /** The in-cluster service account (when the scanner runs as a Pod). */
    inCluster: z.literal(true).optional(),
    context: z.string().min(1).optional(),
  })
  .strict()
  .refine((k) => [k.file, k.parameter, k.secret, k.inCluster].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of file, parameter, secret or inCluster',
  });

const cluster = z
  .object({
    name,
    kubeconfig: kubeconfigSource.optional(),
    /** An EKS cluster, authenticated with an IAM token made in-process (no kubeconfig needed). */
    eks: z
      .object({
        name: z.string().min(1),
        region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1'),
        /** CIDR blocks accepted for the public API endpoint (k8s.eks.endpoint-public-access); never 0.0.0.0/0. */
        publicAccessCidrs: z
          .array(
            z
              .string()
              .regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'a CIDR block such as 203.0.113.0/24')
              .refine(
                (v) => parseCidr(v) !== null,
                'a CIDR block such as 203.0.113.0/24 (an address and a prefix it has)',
              )
              // Read as a number: 0.0.0.0/00 is the whole internet too.
              .refine((v) => Number(v.split('/')[1]) !== 0, 'the whole internet is never an accepted range'),
          )
          .optional(),
      })
      .strict()
      .optional(),
    /** Scan manifests (a cluster dump or GitOps repository) instead of a live API server. */
    manifests: z.string().min(1).optional(),
    /** Extra TLS endpoints to probe (host:port), besides the API server. */
    tlsEndpoints: z.array(z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'host:port')).default([]),
    /** Read kubernetes.io/tls Secrets to check certificate expiry (needs `get`/`list` on Secrets). */
    readTlsSecrets: z.boolean().default(false),
  })
  .strict()
  .refine((c) => [c.kubeconfig, c.eks, c.manifests].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of kubeconfig, eks or manifests',
  });

const hostGroup = z
  .object({
    name,
    /** Hosts reached through SSM Run Command, by tag or by instance ID. */
    ssm: z
      .object({
        tags: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).optional(),
        instanceIds: z.array(z.string().regex(/^(i|mi)-[0-9a-f]{8,17}$/, 'an EC2 or managed instance ID')).optional(),
        region: z.string().optional(),
        maxConcurrency: z
          .string()
          .regex(/^(\d+|\d{1,3}%)$/, 'a number or a percentage such as "10%"')
          .default('10%'),
        maxErrors: z
          .string()
          .regex(/^(\d+|\d{1,3}%)$/, 'a number or a percentage such as "10%"')
          .default('10%'),
        timeoutSeconds: z.number().int().min(30).max(2_592_000).default(600),
        /** A configured cluster whose Nodes these hosts back: machines are joined to Nodes by providerID. */
        cluster: name.optional(),
      })
      .strict()
      .refine((s) => (s.tags ? 1 : 0) + (s.instanceIds ? 1 : 0) === 1, {
        message: 'give exactly one of tags or instanceIds',
      })
      .optional(),
    /** This machine (CLI): the probe runs locally. */
    local: z.literal(true).optional(),
    /** A filesystem tree scanned as a host: its `/`. */
    hostRoot: z.string().min(1).optional(),
  })
  .strict()
  .refine((h) => [h.ssm, h.local, h.hostRoot].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of ssm, local or hostRoot',
  });

const store = z.discriminatedUnion('type', [
  z.object({ type: z.literal('local'), dir: z.string().min(1).default('.compliance-bot') }).strict(),
  z
    .object({
      type: z.literal('s3'),
      bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name'),
      prefix: z
        .string()
        .regex(/^[A-Za-z0-9!_.*'()\-/]*$/, 'an S3 key prefix')
        .default('snapshots/'),
      kmsKeyId: z.string().min(1).optional(),
    })
    .strict(),
]);

const slackId = z.string().regex(/^[A-Z0-9]{2,}$/, 'a Slack ID such as C0123ABCD, U0123ABCD or S0123ABCD');
const allowList = z
  .object({
    channels: z.array(slackId).default([]),
    users: z.array(slackId).default([]),
    userGroups: z.array(slackId).default([]),
  })
  .strict();

const slack = z
  .object({
    /** Channel for regression posts. */
    channel: slackId.optional(),
    /** Channel for the weekly digest (default: channel). */
    digestChannel: slackId.optional(),
    /** Post a one-line "all clear" when a nightly scan has no regressions. */
    allClear: z.boolean().default(false),
    /** Lowest severity that is posted as a regression. */
    minSeverity: severity.default('low'),
    /** Who may run each command. An empty list allows nobody for scan and waive, everybody for the rest. */
    allow: z
      .object({
        scan: allowList.default({ channels: [], users: [], userGroups: [] }),
        waive: allowList.default({ channels: [], users: [], userGroups: [] }),
        query: allowList.optional(),
      })
      .strict()
      .default({
        scan: { channels: [], users: [], userGroups: [] },
        waive: { channels: [], users: [], userGroups: [] },
      }),
    /**
     * Who sees the answers to commands (scan results, status, diff, who-can, waiver confirmations): only the person
     * who asked (`ephemeral`, the default: findings are not shown to a whole channel by accident) or the channel.
     */
    answers: z.enum(['ephemeral', 'in_channel']).default('ephemeral'),
    /** Whether Slack guests (multi- and single-channel guests: users.info is_restricted / is_ultra_restricted) may use the bot. */
    allowGuests: z.boolean().default(false),
    /**
     * Commands that scan or collect (`scan`, `who-can`): at most `perUser` per user and `perWorkspace` in all, per
     * window of `windowMinutes`; counted exactly across Lambda containers (write-once markers in the store). A
     * container's first request of a window may try up to that many markers before Slack's 3 seconds: hence the caps.
     */
    rateLimit: z
      .object({
        windowMinutes: z.number().int().min(1).max(1440).default(15),
        perUser: z.number().int().min(1).max(100).default(5),
        perWorkspace: z.number().int().min(1).max(100).default(20),
      })
      .strict()
      .default({ windowMinutes: 15, perUser: 5, perWorkspace: 20 }),
    /**
     * `who-can` answers from the RBAC facts the last scan stored when they are at most this old (the answer says how
     * old), and collects them afresh otherwise.
     */
    whoCan: z
      .object({ maxFactsAgeMinutes: z.number().int().min(0).max(10_080).default(1440) })
      .strict()
      .default({ maxFactsAgeMinutes: 1440 }),
    /** SSM parameter names (SecureString) of the bot token and the signing secret. */
    botTokenParameter: z.string().default('/compliance-bot/slack/bot-token'),
    signingSecretParameter: z.string().default('/compliance-bot/slack/signing-secret'),
  })
  .strict();

const schedule = z.object({ cron: z.string().min(9), timezone: z.string().default('UTC') }).strict();

const frameworkId = z.string().refine((id) => FRAMEWORK_DATA.some((f) => f.id === id), {
  error: (issue) =>
    `no such framework "${String(issue.input).slice(0, 60)}": use one of ${FRAMEWORK_DATA.map((f) => f.id).join(', ')} (compliance-bot frameworks lists them)`,
});

const digestSchedule = schedule
  .extend({
    /**
     * The frameworks whose control counts each snapshot's summary keeps, for the digest's posture section
     * (docs/digest.md); absent: those of the scope's kind of target. An empty list records none.
     */
    frameworks: z.array(frameworkId).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    /**
     * A name for this deployment, put in front of every snapshot scope (`prod/cluster/NAME`), so several deployments
     * can share one bucket. Absent: scopes are `cluster/NAME`, `hosts/GROUP`, `host/HOSTNAME`.
     */
    scope: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'lower-case letters, digits, ".", "_" and "-" (one path segment)')
      .optional(),
    clusters: z.array(cluster).default([]),
    hostGroups: z.array(hostGroup).default([]),
    store: store.default({ type: 'local', dir: '.compliance-bot' }),
    slack: slack.optional(),
    checks: z
      .object({
        /** Glob patterns of check IDs to run (default: all). */
        include: z.array(z.string().min(1)).default(['*']),
        exclude: z.array(z.string().min(1)).default([]),
        excludedNamespaces: z.array(z.string()).default(['kube-system', 'kube-public', 'kube-node-lease']),
        excludeSystemRbac: z.boolean().default(true),
        certExpiryDays: z
          .object({ high: z.number().int().positive().default(30), critical: z.number().int().positive().default(7) })
          .strict()
          .default({ high: 30, critical: 7 }),
        /** The oldest SSM agent version host.ec2.ssm-agent accepts (default 3.2.0.0). */
        ssmAgentMinVersion: z
          .string()
          .regex(/^\d+(\.\d+){0,3}$/, 'a dotted version such as 3.2.0.0')
          .optional(),
        /** NetworkPolicy reachability checks (docs/netpol.md, "Checks on reachability"). */
        reach: z
          .object({
            /** `namespace/name` or `namespace/*` to the ports it serves to the internet on purpose (`TCP/443`). */
            intendedPorts: z
              .record(
                z.string().regex(/^[a-z0-9][-a-z0-9.]*\/(\*|[a-z0-9][-a-z0-9.]*)$/, 'namespace/name or namespace/*'),
                z.array(z.string().regex(/^((TCP|UDP|SCTP)\/)?\d{1,5}(-\d{1,5})?$/i, 'PROTO/PORT or PROTO/FROM-TO')),
              )
              .default({}),
            /** Namespaces only the listed namespaces may reach. */
            sensitiveNamespaces: z
              .array(z.object({ namespace: z.string().min(1), allowFrom: z.array(z.string()).default([]) }).strict())
              .default([]),
            ipBlockMatchesPods: z.boolean().default(false),
            podCidrs: z.array(z.string()).default([]),
          })
          .strict()
          .default({ intendedPorts: {}, sensitiveNamespaces: [], ipBlockMatchesPods: false, podCidrs: [] }),
      })
      .strict()
      .default({
        include: ['*'],
        exclude: [],
        excludedNamespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
        excludeSystemRbac: true,
        certExpiryDays: { high: 30, critical: 7 },
        reach: { intendedPorts: {}, sensitiveNamespaces: [], ipBlockMatchesPods: false, podCidrs: [] },
      }),
    /** Waivers: the longest one may last. */
    waivers: z
      .object({ maxDays: z.number().int().min(1).max(365).default(90) })
      .strict()
      .default({ maxDays: 90 }),
    /** Exit code 1 (CLI) when a failing result of at least this severity exists. */
    failOn: severity.optional(),
    schedules: z
      .object({
        nightly: schedule.default({ cron: 'cron(0 2 * * ? *)', timezone: 'UTC' }),
        digest: digestSchedule.default({ cron: 'cron(0 8 ? * MON *)', timezone: 'UTC' }),
      })
      .strict()
      .default({
        nightly: { cron: 'cron(0 2 * * ? *)', timezone: 'UTC' },
        digest: { cron: 'cron(0 8 ? * MON *)', timezone: 'UTC' },
      }),
    ssm: z
      .object({
        /** Bucket and prefix where SSM writes full command output (the API truncates it at 24,000 characters). */
        outputBucket: z.string().optional(),
        outputPrefix: z.string().default('ssm-output/'),
        documentName: z.string().default('ComplianceBot-HostProbe'),
      })
      .strict()
      .default({ outputPrefix: 'ssm-output/', documentName: 'ComplianceBot-HostProbe' }),
  })
  .strict()
  .superRefine((c, ctx) => {
    // The Nodes a host group is joined to come from a live cluster of the configuration.
    c.hostGroups.forEach((g, i) => {
      const name = g.ssm?.cluster;
      if (name === undefined) return;
      const cluster = c.clusters.find((x) => x.name === name);
      if (!cluster || cluster.manifests !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['hostGroups', i, 'ssm', 'cluster'],
          message: cluster
            ? `cluster ${name} is read from manifests, which list no live Nodes to join`
            : `no configured cluster is named ${name}`,
        });
      }
    });
  });

export type Config = z.infer<typeof configSchema>;
export type ClusterConfig = Config['clusters'][number];
export type HostGroupConfig = Config['hostGroups'][number];
export type StoreConfig = Config['store'];
export type SlackConfig = NonNullable<Config['slack']>;
