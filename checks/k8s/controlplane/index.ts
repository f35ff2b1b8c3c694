import type { AnyCheck } from '../../../src/core/model';
import { flagCheck } from './flag-check';
import { FLAG_CONTROLS } from './flag-controls';

/** The k8s/controlplane checks, in catalogue order: one per control-plane flag control. */
export const controlplaneChecks: AnyCheck[] = FLAG_CONTROLS.map(flagCheck);
