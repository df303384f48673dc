import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** A deployed decision of the organisation (GET /api/decisions). */
export interface DecisionSummary {
  key: string;
  name: string | null;
  version: number;
}

/** A decision with the DMN XML of its newest version (GET /api/decisions/:key). */
export interface Decision {
  key: string;
  xml: string;
  version: number;
}

const path = (key: string) => `/api/decisions/${encodeURIComponent(key)}`;

/** The organisation's DMN decisions: list, read, and publish an edited one as a new version. */
@Injectable({ providedIn: 'root' })
export class DecisionsApi {
  private readonly http = inject(HttpClient);

  list(): Promise<DecisionSummary[]> {
    return firstValueFrom(this.http.get<DecisionSummary[]>('/api/decisions'));
  }

  get(key: string): Promise<Decision> {
    return firstValueFrom(this.http.get<Decision>(path(key)));
  }

  publish(key: string, xml: string, comment: string): Promise<{ version: number }> {
    return firstValueFrom(this.http.post<{ version: number }>(`${path(key)}/publish`, { xml, comment }));
  }
}
