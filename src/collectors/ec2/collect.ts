/**
 * EC2 facts of a set of instances: DescribeInstances, DescribeSecurityGroups, DescribeVolumes (paged with the SDK's
 * paginators, filtered by ID so an ID EC2 does not know is reported rather than failing the call), the instance
 * profiles' role policies from IAM (names and ARNs only, never documents), and the SSM agent from
 * DescribeInstanceInformation. A call that fails (denied, throttled beyond the SDK's retries, anything else) makes
 * the facts it feeds `{ ok: false, reason }` for the instances it was for; the others keep theirs.
 */
import {
  type EC2Client,
  type Instance,
  type IpPermission,
  paginateDescribeInstances,
  paginateDescribeSecurityGroups,
  paginateDescribeVolumes,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import {
  GetInstanceProfileCommand,
  type IAMClient,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
} from '@aws-sdk/client-iam';
import { type InstanceInformation, paginateDescribeInstanceInformation, type SSMClient } from '@aws-sdk/client-ssm';
import type {
  Ec2IngressRule,
  Ec2Instance,
  Ec2InstanceProfile,
  Ec2SecurityGroup,
  Ec2SsmAgent,
} from '../../core/facts/ec2';
import type { Fact } from '../../core/model';
import { callFailure } from './errors';
import type { Ec2Facts } from './unavailable';

export interface Ec2Deps {
  ec2: EC2Client;
  iam: IAMClient;
  /** An SSM client with the SDK's standard retries. */
  ssm: SSMClient;
}

/** EC2 filters take at most 200 values each. */
const FILTER_VALUES = 200;
/** DescribeInstanceInformation's InstanceIds filter takes at most 50. */
const SSM_IDS = 50;
const EC2_INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const fail = (reason: string) => ({ ok: false as const, reason });

/** The EC2 facts of every instance ID given (EC2 instance IDs and SSM managed-instance IDs). */
export async function collectEc2Facts(
  deps: Ec2Deps,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, Ec2Facts>> {
  const unique = [...new Set(ids)];
  const ec2Ids = unique.filter((id) => EC2_INSTANCE_ID.test(id));
  const [instances, agents] = await Promise.all([
    describeInstances(deps.ec2, ec2Ids, signal),
    describeAgents(deps.ssm, unique, signal),
  ]);
  const found = [...instances.values()].flatMap((f) => (f.ok ? [f.value] : []));
  const [groups, volumes, profiles] = await Promise.all([
    describeGroups(deps.ec2, [...new Set(found.flatMap((i) => i.securityGroupIds))], signal),
    describeVolumes(deps.ec2, [...new Set(found.flatMap((i) => i.volumeIds))], signal),
    describeProfiles(
      deps.iam,
      [...new Set(found.flatMap((i) => (i.instanceProfileArn ? [i.instanceProfileArn] : [])))],
      signal,
    ),
  ]);

  const out = new Map<string, Ec2Facts>();
  for (const id of unique) {
    const agent = agents.get(id) ?? fail(`ssm:DescribeInstanceInformation gave no answer for ${id}`);
    if (!EC2_INSTANCE_ID.test(id)) {
      const why = `${id} is not an EC2 instance (a hybrid managed instance): EC2 does not describe it`;
      out.set(id, {
        'ec2.instance': fail(why),
        'ec2.securityGroups': fail(why),
        'ec2.volumes': fail(why),
        'ec2.instanceProfile': fail(why),
        'ec2.ssmAgent': agent,
      });
      continue;
    }
    const instance = instances.get(id) ?? fail(`ec2:DescribeInstances does not know ${id}`);
    if (!instance.ok) {
      out.set(id, {
        'ec2.instance': instance,
        'ec2.securityGroups': instance,
        'ec2.volumes': instance,
        'ec2.instanceProfile': instance,
        'ec2.ssmAgent': agent,
      });
      continue;
    }
    const i = instance.value;
    out.set(id, {
      'ec2.instance': instance,
      'ec2.securityGroups': gather(i.securityGroupIds, groups, 'ec2:DescribeSecurityGroups', 'security group'),
      'ec2.volumes': gather(i.volumeIds, volumes, 'ec2:DescribeVolumes', 'volume'),
      'ec2.instanceProfile': i.instanceProfileArn
        ? (profiles.get(i.instanceProfileArn) ?? fail(`no answer for instance profile ${i.instanceProfileArn}`))
        : { ok: true, value: null },
      'ec2.ssmAgent': agent,
    });
  }
  return out;
}

/** The items of `ids` from a lookup; the first failure (or an ID the API did not return) fails the whole list. */
function gather<T>(ids: readonly string[], lookup: Map<string, Fact<T>>, action: string, what: string): Fact<T[]> {
  const values: T[] = [];
  for (const id of ids) {
    const f = lookup.get(id);
    if (!f) return fail(`${action} does not know ${what} ${id}`);
    if (!f.ok) return f;
    values.push(f.value);
  }
  return { ok: true, value: values };
}

async function describeInstances(ec2: EC2Client, ids: readonly string[], signal?: AbortSignal) {
  const out = new Map<string, Fact<Ec2Instance>>();
  for (const chunk of chunks(ids, FILTER_VALUES)) {
    try {
      const pages = paginateDescribeInstances(
        { client: ec2, pageSize: 1000 },
        { Filters: [{ Name: 'instance-id', Values: chunk }] },
      );
      for await (const page of pages) {
        for (const r of page.Reservations ?? []) {
          for (const inst of r.Instances ?? []) {
            if (inst.InstanceId) out.set(inst.InstanceId, { ok: true, value: instanceOf(inst, inst.InstanceId) });
          }
        }
        if (signal?.aborted) throw new Error('the time budget of the scan ran out');
      }
    } catch (err) {
      const reason = callFailure('ec2:DescribeInstances', err);
      for (const id of chunk) if (!out.get(id)?.ok) out.set(id, fail(reason));
    }
  }
  return out;
}

function instanceOf(i: Instance, instanceId: string): Ec2Instance {
  const publicIps = new Set<string>();
  if (i.PublicIpAddress) publicIps.add(i.PublicIpAddress);
  const groups = new Set<string>();
  for (const g of i.SecurityGroups ?? []) if (g.GroupId) groups.add(g.GroupId);
  for (const nic of i.NetworkInterfaces ?? []) {
    if (nic.Association?.PublicIp) publicIps.add(nic.Association.PublicIp);
    for (const a of nic.PrivateIpAddresses ?? []) if (a.Association?.PublicIp) publicIps.add(a.Association.PublicIp);
    for (const g of nic.Groups ?? []) if (g.GroupId) groups.add(g.GroupId);
  }
  const m = i.MetadataOptions;
  return {
    instanceId,
    ...(i.State?.Name ? { state: i.State.Name } : {}),
    ...(i.Placement?.AvailabilityZone ? { availabilityZone: i.Placement.AvailabilityZone } : {}),
    ...(i.PrivateDnsName ? { privateDnsName: i.PrivateDnsName } : {}),
    metadataOptions: m
      ? {
          ...(m.HttpTokens ? { httpTokens: m.HttpTokens } : {}),
          ...(m.HttpPutResponseHopLimit !== undefined ? { httpPutResponseHopLimit: m.HttpPutResponseHopLimit } : {}),
          ...(m.HttpEndpoint ? { httpEndpoint: m.HttpEndpoint } : {}),
        }
      : null,
    publicIps: [...publicIps].sort(),
    securityGroupIds: [...groups].sort(),
    volumeIds: (i.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.VolumeId ? [b.Ebs.VolumeId] : [])),
    ...(i.IamInstanceProfile?.Arn ? { instanceProfileArn: i.IamInstanceProfile.Arn } : {}),
  };
}

async function describeGroups(ec2: EC2Client, ids: readonly string[], signal?: AbortSignal) {
  const out = new Map<string, Fact<Ec2SecurityGroup>>();
  for (const chunk of chunks(ids, FILTER_VALUES)) {
    try {
      const pages = paginateDescribeSecurityGroups(
        { client: ec2, pageSize: 1000 },
        { Filters: [{ Name: 'group-id', Values: chunk }] },
      );
      for await (const page of pages) {
        for (const g of page.SecurityGroups ?? [])
          if (g.GroupId) out.set(g.GroupId, { ok: true, value: groupOf(g, g.GroupId) });
        if (signal?.aborted) throw new Error('the time budget of the scan ran out');
      }
    } catch (err) {
      const reason = callFailure('ec2:DescribeSecurityGroups', err);
      for (const id of chunk) if (!out.get(id)?.ok) out.set(id, fail(reason));
    }
  }
  return out;
}

function groupOf(g: SecurityGroup, groupId: string): Ec2SecurityGroup {
  return {
    groupId,
    ...(g.GroupName ? { groupName: g.GroupName } : {}),
    ingress: (g.IpPermissions ?? []).map(ruleOf),
  };
}

function ruleOf(p: IpPermission): Ec2IngressRule {
  return {
    protocol: p.IpProtocol ?? '-1',
    ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
    ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
    cidrs: [
      ...(p.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [r.CidrIp] : [])),
      ...(p.Ipv6Ranges ?? []).flatMap((r) => (r.CidrIpv6 ? [r.CidrIpv6] : [])),
    ],
    otherSources: [
      ...(p.UserIdGroupPairs ?? []).flatMap((u) => (u.GroupId ? [u.GroupId] : [])),
      ...(p.PrefixListIds ?? []).flatMap((l) => (l.PrefixListId ? [l.PrefixListId] : [])),
    ],
  };
}

async function describeVolumes(ec2: EC2Client, ids: readonly string[], signal?: AbortSignal) {
  const out = new Map<string, Fact<{ volumeId: string; encrypted: boolean }>>();
  for (const chunk of chunks(ids, FILTER_VALUES)) {
    try {
      const pages = paginateDescribeVolumes(
        { client: ec2, pageSize: 500 },
        { Filters: [{ Name: 'volume-id', Values: chunk }] },
      );
      for await (const page of pages) {
        for (const v of page.Volumes ?? []) {
          if (v.VolumeId)
            out.set(v.VolumeId, { ok: true, value: { volumeId: v.VolumeId, encrypted: v.Encrypted === true } });
        }
        if (signal?.aborted) throw new Error('the time budget of the scan ran out');
      }
    } catch (err) {
      const reason = callFailure('ec2:DescribeVolumes', err);
      for (const id of chunk) if (!out.get(id)?.ok) out.set(id, fail(reason));
    }
  }
  return out;
}

/** `arn:aws:iam::123456789012:instance-profile/path/name` → `name` (GetInstanceProfile takes the name). */
export function profileName(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/(?:.*\/)?([\w+=,.@-]{1,128})$/.exec(arn);
  return m?.[1];
}

async function describeProfiles(iam: IAMClient, arns: readonly string[], signal?: AbortSignal) {
  const out = new Map<string, Fact<Ec2InstanceProfile | null>>();
  // One profile is usually shared by a whole node group: asked once each, a few at a time.
  for (const batch of chunks(arns, 4)) {
    await Promise.all(
      batch.map(async (arn) => {
        if (signal?.aborted) {
          out.set(arn, fail('the time budget of the scan ran out'));
          return;
        }
        out.set(arn, await describeProfile(iam, arn));
      }),
    );
  }
  return out;
}

async function describeProfile(iam: IAMClient, arn: string): Promise<Fact<Ec2InstanceProfile>> {
  const name = profileName(arn);
  if (!name) return fail(`instance profile ARN ${JSON.stringify(arn.slice(0, 200))} is not one IAM names`);
  let step = 'iam:GetInstanceProfile';
  try {
    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name }));
    const roles: Ec2InstanceProfile['roles'] = [];
    for (const role of got.InstanceProfile?.Roles ?? []) {
      if (!role.RoleName) continue;
      step = 'iam:ListAttachedRolePolicies';
      const attached: Ec2InstanceProfile['roles'][number]['attached'] = [];
      for await (const page of paginateListAttachedRolePolicies({ client: iam }, { RoleName: role.RoleName })) {
        for (const p of page.AttachedPolicies ?? []) {
          if (p.PolicyArn) attached.push({ policyName: p.PolicyName ?? p.PolicyArn, policyArn: p.PolicyArn });
        }
      }
      step = 'iam:ListRolePolicies';
      const inline: string[] = [];
      for await (const page of paginateListRolePolicies({ client: iam }, { RoleName: role.RoleName })) {
        inline.push(...(page.PolicyNames ?? []));
      }
      roles.push({ roleName: role.RoleName, attached, inline });
    }
    return { ok: true, value: { arn, name, roles } };
  } catch (err) {
    return fail(callFailure(step, err));
  }
}

async function describeAgents(ssm: SSMClient, ids: readonly string[], signal?: AbortSignal) {
  const out = new Map<string, Fact<Ec2SsmAgent | null>>();
  for (const chunk of chunks(ids, SSM_IDS)) {
    try {
      const pages = paginateDescribeInstanceInformation(
        { client: ssm, pageSize: 50 },
        { Filters: [{ Key: 'InstanceIds', Values: chunk }] },
      );
      for await (const page of pages) {
        for (const info of page.InstanceInformationList ?? []) {
          if (info.InstanceId) out.set(info.InstanceId, { ok: true, value: agentOf(info, info.InstanceId) });
        }
        if (signal?.aborted) throw new Error('the time budget of the scan ran out');
      }
      // An ID SSM did not list is not a managed instance: a fact of its own, not a gap.
      for (const id of chunk) if (!out.has(id)) out.set(id, { ok: true, value: null });
    } catch (err) {
      const reason = callFailure('ssm:DescribeInstanceInformation', err);
      for (const id of chunk) if (!out.get(id)?.ok) out.set(id, fail(reason));
    }
  }
  return out;
}

function agentOf(info: InstanceInformation, id: string) {
  return {
    managedInstanceId: id,
    ...(info.PingStatus ? { pingStatus: info.PingStatus } : {}),
    ...(info.AgentVersion ? { agentVersion: info.AgentVersion } : {}),
    ...(info.LastPingDateTime ? { lastPingDateTime: new Date(info.LastPingDateTime).toISOString() } : {}),
  };
}
