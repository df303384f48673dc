import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

/** A deployed process definition as /engine-rest returns it (the fields the web app uses). */
export interface ProcessDefinition {
  id: string;
  key: string;
  name: string | null;
  version: number;
  tenantId: string | null;
}

/** Reads process definitions from the Camunda-compatible REST API. */
@Injectable({ providedIn: 'root' })
export class ProcessDefinitionsService {
  private readonly http = inject(HttpClient);

  /** The latest version of every deployed process definition. */
  latest(): Observable<ProcessDefinition[]> {
    return this.http.get<ProcessDefinition[]>('/engine-rest/process-definition', {
      params: { latestVersion: 'true' },
    });
  }
}
