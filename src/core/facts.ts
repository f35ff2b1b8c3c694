/**
 * Every fact a collector can produce, by key. Each area declares its own facts in src/core/facts/<area>.ts;
 * a check's `requires` names keys of this map, and the registry test checks that a collector produces each one.
 */
import type { Ec2FactMap } from './facts/ec2';
import type { EksFactMap } from './facts/eks';
import type { HostFactMap } from './facts/host';
import type { KubeFactMap } from './facts/k8s';

export interface FactMap extends HostFactMap, KubeFactMap, Ec2FactMap, EksFactMap {}

export type { Ec2FactMap } from './facts/ec2';
export type { EksFactMap } from './facts/eks';

export type { HostFactMap } from './facts/host';
export type { KubeFactMap } from './facts/k8s';
