import { isNumberFieldEntryEdited, isSelectEntryEdited, isTextAreaEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { type Element, isType } from '../bpmn-services';
import type { SafepathModeling } from '../safepath-modeling/safepath-modeling';
import { DeadlineAmountEntry, DeadlineUnitEntry, EscalationEntry, FormEntry, GuidanceEntry, RoleEntry, SensitiveEntry } from './safepath-entries';

/** Below the BPMN (1000) and Camunda (500) providers: runs after them, so "General" exists to insert after. */
const PRIORITY = 400;

interface Entry {
  id: string;
  element: Element;
  component: unknown;
  isEdited: (node: unknown) => boolean;
}

interface Group {
  id: string;
  label: string;
  entries: Entry[];
  /** Open when first shown (the panel remembers what the person opened or closed since). */
  shouldOpen?: boolean;
}

interface PropertiesPanel {
  registerProvider(priority: number, provider: { getGroups(element: Element): (groups: Group[]) => Group[] }): void;
}

/**
 * Adds the "Safepath" group, right after "General", to user tasks (role, deadline, escalation,
 * guidance, form) and to the process (guidance, sensitive variables).
 */
export class SafepathPropertiesProvider {
  static $inject = ['propertiesPanel', 'safepathModeling'];

  constructor(
    propertiesPanel: PropertiesPanel,
    private readonly modeling: SafepathModeling,
  ) {
    propertiesPanel.registerProvider(PRIORITY, this);
  }

  getGroups(element: Element): (groups: Group[]) => Group[] {
    return (groups) => {
      const entries = this.entries(element);
      if (entries.length === 0) return groups;
      const general = groups.findIndex((g) => g.id === 'general');
      groups.splice(general + 1, 0, { id: 'safepath', label: 'Safepath', entries, shouldOpen: true });
      return groups;
    };
  }

  private entries(element: Element): Entry[] {
    const bo = element.businessObject;
    const entry = (id: string, component: unknown, isEdited: (node: unknown) => boolean): Entry => ({ id, element, component, isEdited });
    if (isType(bo, 'bpmn:UserTask')) {
      const entries = [
        entry('safepathRole', RoleEntry, isSelectEntryEdited),
        entry('safepathDeadlineAmount', DeadlineAmountEntry, isNumberFieldEntryEdited),
        entry('safepathDeadlineUnit', DeadlineUnitEntry, isSelectEntryEdited),
      ];
      if (this.modeling.deadline(element).text) entries.push(entry('safepathEscalation', EscalationEntry, isSelectEntryEdited));
      entries.push(entry('safepathGuidance', GuidanceEntry, isTextAreaEntryEdited), entry('safepathForm', FormEntry, isSelectEntryEdited));
      return entries;
    }
    if (isType(bo, 'bpmn:Process') || (isType(bo, 'bpmn:Participant') && bo.get('processRef'))) {
      return [entry('safepathGuidance', GuidanceEntry, isTextAreaEntryEdited), entry('safepathSensitive', SensitiveEntry, isTextFieldEntryEdited)];
    }
    return [];
  }
}
