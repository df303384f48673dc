import { SafepathModelingModule } from '../safepath-modeling';
import { SafepathPropertiesProvider } from './safepath-properties-provider';

/** didi module: the "Safepath" group of the properties panel (needs `safepathConfig`, see SafepathConfig). */
export const SafepathPropertiesModule = {
  __depends__: [SafepathModelingModule],
  __init__: ['safepathPropertiesProvider'],
  safepathPropertiesProvider: ['type', SafepathPropertiesProvider],
};

export type { SafepathConfig } from './safepath-config';
