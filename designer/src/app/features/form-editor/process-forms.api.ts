import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** A form-js schema (components, id, schemaVersion, …). */
export type FormSchema = Record<string, unknown> & { id?: string; components?: unknown[] };

/** A form a process references, draft edits included (GET /api/processes/:key/forms). */
export interface ProcessForm {
  /** The resource name, e.g. `tc_escalation.form`. */
  name: string;
  /** The schema's `id`, which a user task's `camunda:formRef` names. */
  formId: string | null;
  schema: FormSchema;
}

const path = (key: string) => `/api/processes/${encodeURIComponent(key)}`;

/** The forms of a process and saving an edited form into the process's draft. */
@Injectable({ providedIn: 'root' })
export class ProcessFormsApi {
  private readonly http = inject(HttpClient);

  processName(key: string): Promise<string | null> {
    return firstValueFrom(this.http.get<{ name: string | null }>(path(key))).then((p) => p.name);
  }

  forms(key: string): Promise<ProcessForm[]> {
    return firstValueFrom(this.http.get<ProcessForm[]>(`${path(key)}/forms`));
  }

  /** Saves the schema into the process's draft (the server starts a draft from the published XML if needed). */
  save(key: string, name: string, schema: FormSchema): Promise<unknown> {
    return firstValueFrom(this.http.put(`${path(key)}/draft/forms/${encodeURIComponent(name)}`, { schema }));
  }
}
