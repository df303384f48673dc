/**
 * Single-key shortcuts (j, k, c, ?) must never fire while a person types: in a field, a select,
 * an editable region, or with a modifier held (browser and screen-reader commands).
 */
export function isTypingOrModified(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return true;
  const target = event.target;
  if (!(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"]')) return true;
  // A modal dialog is open: its own keys (Tab, Escape) only.
  return target.closest('dialog[open]') !== null;
}

/** The inbox's shortcuts, listed in its help dialog. */
export const INBOX_SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: 'j', action: 'Next task' },
  { keys: 'k', action: 'Previous task' },
  { keys: 'Enter', action: 'Open the selected task' },
  { keys: 'c', action: 'Claim the selected task' },
  { keys: 'u', action: 'Unclaim the selected task' },
  { keys: 'a', action: 'Assign the selected task to a colleague (managers)' },
  { keys: '1, 2, 3', action: 'My tasks, My teams, All tasks' },
  { keys: 'r', action: 'Refresh the list' },
  { keys: '?', action: 'Show these shortcuts' },
];
