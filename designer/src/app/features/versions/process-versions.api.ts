import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** A published version of a process (GET /api/processes/:key/versions lists them newest first). */
export interface ProcessVersion {
  version: number;
  definitionId: string;
  publishedAt: string;
  publishedBy: string | null;
  comment: string | null;
}

/** One version with its BPMN XML (GET /api/processes/:key/versions/:version). */
export interface ProcessVersionWithXml extends ProcessVersion {
  xml: string;
}

/** A process of the organisation's library with its published version and its draft (GET /api/processes/:key). */
export interface LibraryProcess {
  key: string;
  name: string | null;
  published: ProcessVersionWithXml | null;
  draft: { xml: string; updatedAt: string; updatedBy: string | null } | null;
}

/** What a restore published: the new version of the process. */
export interface Published {
  version: number;
  definitionId: string;
}

const path = (key: string) => `/api/processes/${encodeURIComponent(key)}`;

/**
 * The history endpoints of the process library (server/src/library): the versions, one version's
 * XML, the process with its draft, and restoring an old version (publishing its XML again as a
 * new version; running cases stay on the version they started on).
 */
@Injectable({ providedIn: 'root' })
export class ProcessVersionsApi {
  private readonly http = inject(HttpClient);

  process(key: string): Promise<LibraryProcess> {
    return firstValueFrom(this.http.get<LibraryProcess>(path(key)));
  }

  versions(key: string): Promise<ProcessVersion[]> {
    return firstValueFrom(this.http.get<ProcessVersion[]>(`${path(key)}/versions`));
  }

  version(key: string, version: number): Promise<ProcessVersionWithXml> {
    return firstValueFrom(this.http.get<ProcessVersionWithXml>(`${path(key)}/versions/${version}`));
  }

  restore(key: string, version: number, comment: string): Promise<Published> {
    return firstValueFrom(this.http.post<Published>(`${path(key)}/versions/${version}/restore`, { comment }));
  }
}
