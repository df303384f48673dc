/**
 * What a sandboxed engine (a training simulation) is built from, for production code.
 *
 * The in-memory `CaseStore` was written for the engine's unit specs and lives in `testing/`; it
 * is the same contract as PostgreSQL (all-or-nothing transactions, optimistic version check), so
 * simulations use it as it is. It is re-exported here so that production code does not import
 * from `testing/`; existing imports of `testing/in-memory-case-store` keep working.
 */
export { InMemoryCaseStore } from '../testing/in-memory-case-store';
export { ManualClock } from '../ports/clock';
