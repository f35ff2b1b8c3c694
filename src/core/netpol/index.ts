/** The NetworkPolicy engine: pure functions over cluster facts (see analyze.ts for the semantics). */
export * from './analyze';
export * from './cidr';
export * from './selector';
