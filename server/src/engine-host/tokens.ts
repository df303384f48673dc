/** Injection token under which the Nest wrapper provides the engine (`EngineApi`). */
export const ENGINE = Symbol('ENGINE');
