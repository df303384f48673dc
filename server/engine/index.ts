/**
 * The Safepath BPMN engine: plain TypeScript, no framework. The rest of the server uses only
 * what this file exports. Storage and scheduling come in through the ports.
 */
export * from './engine-api';
export * from './engine-error';
export * from './ports/case-store';
export * from './ports/clock';
export * from './ports/scheduler';
export * from './history/history-event';
export * from './runtime/state';
export { Engine, type EngineOptions } from './runtime/engine';
export { checksumOf } from './runtime/deployer';
export { parseBpmn, type ParsedBpmn } from './model/bpmn-parser';
export type { ProcessModel, NodeModel } from './model/process-model';
export { typedValueOf, checkTypedValue } from './runtime/variables';
export { BusinessCalendar } from './calendar';
