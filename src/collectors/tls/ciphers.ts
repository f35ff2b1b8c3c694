/** The suites the probe offers are part of the fact's contract, so they live in src/core (see that module). */
export { WEAK_SUITES, type WeakSuite } from '../../core/facts/weak-suites';
