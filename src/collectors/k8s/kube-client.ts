/**
 * The one class of @kubernetes/client-node the collectors use, behind a module that kubeconfig.ts loads on first use.
 * It is taken from the package's own module rather than its index, which re-exports every generated API model: a
 * module loaded on first use keeps everything its imports reach, and the index reaches about 400 KB never run here.
 */
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';

export const newKubeConfig = (): KubeConfig => new KubeConfig();
