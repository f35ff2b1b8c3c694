/**
 * The framework data files, imported statically so the Lambda bundles and the CLI carry them (no folder is read at
 * run time). Their shape is validated by ./data.test.ts; their `checks` lists by scripts/frameworks-sync.test.ts.
 */
import cisEks from '../../../frameworks/cis-eks-1.8.0.json';
import cisKubernetes from '../../../frameworks/cis-kubernetes-1.12.json';
import cisLinux from '../../../frameworks/cis-linux-dil-2.0.0.json';
import nsaCisa from '../../../frameworks/nsa-cisa-kubernetes-hardening-1.2.json';
import type { FrameworkData } from './types';

/** Every framework, in the order lists show them; the file of each is `frameworks/<id>.json`. */
export const FRAMEWORK_DATA: readonly FrameworkData[] = [
  cisKubernetes as FrameworkData,
  cisEks as FrameworkData,
  nsaCisa as FrameworkData,
  cisLinux as FrameworkData,
];

/** The framework with this ID, or undefined. */
export function findFramework(id: string, data: readonly FrameworkData[] = FRAMEWORK_DATA): FrameworkData | undefined {
  return data.find((f) => f.id === id);
}

/** The framework a check's reference names (framework name and version), or undefined. */
export function frameworkOf(
  ref: { framework: string; version: string },
  data: readonly FrameworkData[] = FRAMEWORK_DATA,
): FrameworkData | undefined {
  return data.find((f) => f.framework === ref.framework && f.version === ref.version);
}
