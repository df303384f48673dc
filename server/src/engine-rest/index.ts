/** The Camunda-compatible REST layer: module, global exception filter and validation options. */
export { EngineRestModule } from './engine-rest.module';
export { CamundaExceptionFilter, renderError } from './camunda-exception.filter';
export { camundaValidationPipeOptions } from './validation';
export { CamundaRestError, badRequest, notFoundRest } from './camunda-rest-error';
export { formatCamundaDate, parseCamundaDate } from './camunda-date';
export { toRestVariableMap, toVariableMap, toTypedValue, toRestVariable } from './variables/camunda-variables';
export type { RestVariable, RestVariableMap } from './variables/camunda-variables';
