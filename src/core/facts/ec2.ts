/**
 * EC2 facts of a host target: the instance under a node, as the EC2, IAM and SSM APIs describe it
 * (src/collectors/ec2). Pure JSON. Each key is its own fact, so one denied API call makes only the checks it feeds
 * unknown.
 */

/** The instance metadata service settings (DescribeInstances MetadataOptions). */
export interface Ec2MetadataOptions {
  /** `required`: IMDSv2 only (session tokens); `optional`: IMDSv1 answers too. */
  httpTokens?: string;
  /** How many network hops a metadata answer survives: 1 keeps it on the instance, away from Pods in their own network namespace. */
  httpPutResponseHopLimit?: number;
  /** `disabled`: no metadata service at all. */
  httpEndpoint?: string;
}

export interface Ec2Instance {
  instanceId: string;
  /** `running`, `stopped`… */
  state?: string;
  availabilityZone?: string;
  privateDnsName?: string;
  /** Null when DescribeInstances gave no MetadataOptions. */
  metadataOptions: Ec2MetadataOptions | null;
  /** Public IPv4 addresses of the instance and of every network interface (Elastic IPs included). */
  publicIps: string[];
  securityGroupIds: string[];
  /** EBS volumes attached (block device mappings). */
  volumeIds: string[];
  /** The instance profile's ARN, absent when the instance has none. */
  instanceProfileArn?: string;
}

/** One ingress permission of a security group, reduced to what the checks judge. */
export interface Ec2IngressRule {
  /** `-1` (all traffic), `tcp`, `udp`, `icmp`, `icmpv6` or a protocol number. */
  protocol: string;
  /** Absent for all traffic. */
  fromPort?: number;
  toPort?: number;
  /** IPv4 and IPv6 source ranges (`0.0.0.0/0`, `::/0`, `10.0.0.0/8`…). */
  cidrs: string[];
  /** Other sources (security groups, prefix lists): never the whole internet by themselves. */
  otherSources: string[];
}

export interface Ec2SecurityGroup {
  groupId: string;
  groupName?: string;
  ingress: Ec2IngressRule[];
}

export interface Ec2Volume {
  volumeId: string;
  encrypted: boolean;
}

/** A managed policy attached to the instance profile's role. */
export interface Ec2AttachedPolicy {
  policyName: string;
  policyArn: string;
}

export interface Ec2ProfileRole {
  roleName: string;
  attached: Ec2AttachedPolicy[];
  /** Names of the role's inline policies (never their documents). */
  inline: string[];
}

export interface Ec2InstanceProfile {
  arn: string;
  name: string;
  roles: Ec2ProfileRole[];
}

/** What SSM knows of the instance's agent (DescribeInstanceInformation). */
export interface Ec2SsmAgent {
  managedInstanceId: string;
  /** `Online`, `ConnectionLost`, `Inactive`. */
  pingStatus?: string;
  agentVersion?: string;
  /** ISO date-time. */
  lastPingDateTime?: string;
}

/** A host target that is no EC2 instance at all (a folder scanned as a host root): the EC2 checks do not apply. */
export interface Ec2NotAnInstance {
  notEc2: string;
}

export interface Ec2FactMap {
  /** The instance, or why the target is none (the other EC2 facts are then absent). */
  'ec2.instance': Ec2Instance | Ec2NotAnInstance;
  /** The security groups of the instance's network interfaces. */
  'ec2.securityGroups': Ec2SecurityGroup[];
  'ec2.volumes': Ec2Volume[];
  /** Null when the instance has no instance profile. */
  'ec2.instanceProfile': Ec2InstanceProfile | null;
  /** Null when SSM does not know the instance as a managed instance. */
  'ec2.ssmAgent': Ec2SsmAgent | null;
}
