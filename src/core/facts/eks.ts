/**
 * EKS facts of a cluster target: the cluster as the EKS API describes it (src/collectors/k8s/eks-facts.ts). Pure
 * JSON. Each key is its own fact, so a denied ListAccessEntries makes only the access-entry check unknown.
 */

/** One encryption configuration of the cluster (DescribeCluster encryptionConfig). */
export interface EksEncryption {
  /** What is encrypted with the key (`secrets`). */
  resources: string[];
  /** The KMS key, absent when EKS gave none. */
  keyArn?: string;
}

export interface EksCluster {
  name: string;
  region: string;
  /** The Kubernetes minor version (`1.31`). */
  version?: string;
  /** `ACTIVE`, `UPDATING`… */
  status?: string;
  /** Null when DescribeCluster gave no resourcesVpcConfig. */
  endpointPublicAccess: boolean | null;
  endpointPrivateAccess: boolean | null;
  /** The CIDR blocks allowed to reach the public endpoint (`0.0.0.0/0` is everyone). */
  publicAccessCidrs: string[];
  /** The CIDR blocks the configuration accepts for the public endpoint (clusters[].eks.publicAccessCidrs). */
  allowedPublicCidrs: string[];
  /** Log types enabled and disabled; null when DescribeCluster gave no logging configuration. */
  logging: { enabled: string[]; disabled: string[] } | null;
  encryption: EksEncryption[];
  /** `API`, `API_AND_CONFIG_MAP` or `CONFIG_MAP`; absent when EKS gave no access configuration. */
  authenticationMode?: string;
}

/** An access policy associated with an access entry. */
export interface EksAccessPolicy {
  policyArn: string;
  /** `cluster` or `namespace`. */
  scope: string;
  namespaces: string[];
}

/** One access entry: an IAM principal let into the cluster without the aws-auth ConfigMap. */
export interface EksAccessEntry {
  principalArn: string;
  /** `STANDARD`, `EC2_LINUX`, `FARGATE_LINUX`… */
  type?: string;
  username?: string;
  kubernetesGroups: string[];
  policies: EksAccessPolicy[];
}

/** A cluster target that is not configured as an EKS cluster: the EKS checks do not apply. */
export interface EksNotEks {
  notEks: string;
}

export interface EksFactMap {
  /** The EKS cluster, or why the target is none (the access entries are then absent). */
  'eks.cluster': EksCluster | EksNotEks;
  'eks.accessEntries': EksAccessEntry[];
}
