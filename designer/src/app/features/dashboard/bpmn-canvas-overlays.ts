/**
 * The notes sp-bpmn-canvas pins onto the diagram (bpmn-js overlays take plain DOM, not Angular
 * templates): "Now here" on the current position, and a heat-map step's counts as a button that
 * says them in words. Their look is in bpmn-canvas.css.
 */

/** Counts shown on a step of a heat map. */
export interface StepBadge {
  activityId: string;
  active: number;
  overdue: number;
}

/** The "Now here" note on the current position. */
export function hereNote(): HTMLElement {
  const note = document.createElement('div');
  note.className = 'sp-here';
  note.textContent = 'Now here';
  return note;
}

/**
 * A heat-map step's counts ("3 active", "⚠ 1 overdue"), as a toggle button named after the step
 * (`name`) that calls `choose` when pressed; `pressed` while the step's cases are listed.
 */
export function badgeButton(badge: StepBadge, name: string, pressed: boolean, choose: () => void): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'sp-heat';
  button.setAttribute('aria-label', `${name}: ${badge.active} active, ${badge.overdue} overdue. Show its cases`);
  button.setAttribute('aria-pressed', String(pressed));
  const active = document.createElement('span');
  active.className = 'sp-heat-active';
  active.textContent = `${badge.active} active`;
  button.appendChild(active);
  if (badge.overdue > 0) {
    const overdue = document.createElement('span');
    overdue.className = 'sp-heat-overdue';
    overdue.textContent = `⚠ ${badge.overdue} overdue`;
    button.appendChild(overdue);
  }
  button.addEventListener('click', (event) => {
    event.stopPropagation();
    choose();
  });
  return button;
}
