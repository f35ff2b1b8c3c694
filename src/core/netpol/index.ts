/** The NetworkPolicy engine: pure functions over cluster facts (see analyze.ts for the semantics). */

export { selectorMatches, selectorText, selectsEverything } from '../label-selector';
export * from './analyze';
export * from './cidr';
export * from './peers';
export * from './reach';
