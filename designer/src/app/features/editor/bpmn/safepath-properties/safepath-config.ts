/** What the Safepath properties offer, filled by the editor page from the server (didi value `safepathConfig`). */
export interface SafepathConfig {
  /** The organisation's roles (candidate groups). */
  roles: { id: string; label: string }[];
  /** The forms the process references: name (for the form editor's route) and formId (camunda:formRef). */
  forms: { name: string; formId: string }[];
  /** The in-app address of a form's editor. */
  formLink(name: string): string;
  /** Opens a form's editor inside the app (the editor's unsaved-changes guard applies). */
  openForm(name: string): void;
}
