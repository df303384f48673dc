import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import Modeler from 'bpmn-js/lib/Modeler';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { ProblemMarkersModule } from './problem-markers';
import { type SafepathConfig, SafepathPropertiesModule } from './safepath-properties';

export interface SafepathModelerOptions {
  /** Where the diagram is drawn. */
  container: HTMLElement;
  /** Where the properties panel is drawn. */
  propertiesParent: HTMLElement;
  config: SafepathConfig;
}

/**
 * The Safepath modeler: bpmn-js with the Camunda 7 moddle and behaviours, the properties panel
 * (BPMN, Camunda and Safepath groups), lint problem markers and token simulation.
 */
export function createSafepathModeler({ container, propertiesParent, config }: SafepathModelerOptions): Modeler {
  return new Modeler({
    container,
    propertiesPanel: { parent: propertiesParent },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      TokenSimulationModule,
      SafepathPropertiesModule,
      ProblemMarkersModule,
      { safepathConfig: ['value', config] },
    ],
    moddleExtensions: { camunda: camundaModdle },
  });
}
