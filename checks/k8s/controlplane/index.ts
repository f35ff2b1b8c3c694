import type { AnyCheck } from '../../../src/core/model';
import { flagCheck, staticPodFlagCheck } from './flag-check';
import { FLAG_CONTROLS } from './flag-controls';

/**
 * The control-plane flag checks, in catalogue order: for each flag control, one on the cluster (mirror Pods, manifest
 * files) and one on each host (its static Pod manifests, through the host probe).
 */
export const controlplaneChecks: AnyCheck[] = [
  ...FLAG_CONTROLS.map(flagCheck),
  ...FLAG_CONTROLS.map(staticPodFlagCheck),
];
