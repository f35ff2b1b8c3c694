import pkg from '../package.json';

export const TOOL = { name: 'compliance-bot', version: pkg.version } as const;
