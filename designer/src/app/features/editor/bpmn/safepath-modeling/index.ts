import { SafepathModeling } from './safepath-modeling';

/** didi module: `safepathModeling`, the Safepath properties as bpmn-js commands. */
export const SafepathModelingModule = {
  __init__: ['safepathModeling'],
  safepathModeling: ['type', SafepathModeling],
};

export { SafepathModeling } from './safepath-modeling';
export * from './deadline';
