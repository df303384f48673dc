/** Injection token under which the Nest wrapper provides the engine (`EngineApi`). */
export const ENGINE = Symbol('ENGINE');

/** Injection token of the engine's `Clock` (the system clock; tests and simulations replace it). */
export const CLOCK = Symbol('CLOCK');
