const { is } = require('bpmnlint-utils');
const { checkConditionShape } = require('./expression-shape');

function bodyOf(expression) {
  return expression && typeof expression.body === 'string' ? expression.body : '';
}

/**
 * Every condition is well formed: conditional sequence flows and conditional events hold FEEL
 * (`=…`) or one `${…}` expression with closed strings and balanced brackets.
 */
module.exports = function conditionsParse() {
  function check(node, reporter) {
    let expression = null;
    let owner = node;
    if (is(node, 'bpmn:SequenceFlow') && node.conditionExpression) expression = node.conditionExpression;
    else if (is(node, 'bpmn:ConditionalEventDefinition')) {
      expression = node.condition || { body: '' };
      owner = node.$parent;
    } else return;
    const problem = checkConditionShape(bodyOf(expression));
    if (problem) reporter.report(owner.id, `Condition does not parse: ${problem}`, ['conditionExpression']);
  }
  return { check };
};
