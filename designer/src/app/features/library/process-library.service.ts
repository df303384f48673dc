import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/** One process of the organisation's library (GET /api/processes). */
export interface ProcessSummary {
  key: string;
  name: string;
  publishedVersion: number | null;
  publishedAt: string | null;
  publishedBy: string | null;
  draft: { updatedAt: string; updatedBy: string } | null;
}

/** A process with its published XML and its draft (GET /api/processes/:key). */
export interface ProcessDetail {
  key: string;
  name: string;
  published: { version: number; definitionId: string; xml: string; publishedAt: string; publishedBy: string; comment: string | null } | null;
  draft: { xml: string; updatedAt: string; updatedBy: string } | null;
}

/** A lint finding: the same rules as the deploy check and `npm run lint:processes`. */
export interface Problem {
  elementId: string | null;
  message: string;
  category: 'error' | 'warn';
  rule: string;
}

/** A candidate group of the organisation, e.g. `{id: 'tc_cho', label: 'Community Housing Officer'}`. */
export interface Role {
  id: string;
  label: string;
}

/** A form a process references (draft edits included). */
export interface ProcessForm {
  name: string;
  formId: string;
  schema: unknown;
}

/** Why a publish was refused: the server's message and the problems still in the draft. */
export class PublishRefused extends Error {
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message);
    this.name = 'PublishRefused';
  }
}

/** The server's `{type, message}` error text, or a fallback. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof HttpErrorResponse) {
    const body: unknown = error.error;
    if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' && body.message) return body.message;
    if (error.status === 0) return `${fallback} The server could not be reached.`;
  }
  return fallback;
}

const BASE = '/api/processes';
const path = (key: string) => `${BASE}/${encodeURIComponent(key)}`;

/**
 * The process library API of the organisation (server/src/library): list, drafts, lint,
 * publishing, roles and forms. Everything is scoped by the server to the caller's organisation.
 */
@Injectable({ providedIn: 'root' })
export class ProcessLibraryService {
  private readonly http = inject(HttpClient);

  list(): Promise<ProcessSummary[]> {
    return firstValueFrom(this.http.get<ProcessSummary[]>(BASE));
  }

  get(key: string): Promise<ProcessDetail> {
    return firstValueFrom(this.http.get<ProcessDetail>(path(key)));
  }

  roles(): Promise<Role[]> {
    return firstValueFrom(this.http.get<Role[]>(`${BASE}/roles`));
  }

  forms(key: string): Promise<ProcessForm[]> {
    return firstValueFrom(this.http.get<ProcessForm[]>(`${path(key)}/forms`));
  }

  /** Saves the XML as the process's draft; running cases are not affected. */
  saveDraft(key: string, xml: string): Promise<{ updatedAt: string; problems: Problem[] }> {
    return firstValueFrom(this.http.put<{ updatedAt: string; problems: Problem[] }>(`${path(key)}/draft`, { xml }));
  }

  discardDraft(key: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`${path(key)}/draft`));
  }

  /** Imports a .bpmn file as a new process's draft; resolves to null when the key exists already (409). */
  async import(xml: string): Promise<{ key: string } | null> {
    try {
      return await firstValueFrom(this.http.post<{ key: string }>(BASE, { xml }));
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 409) return null;
      throw error;
    }
  }

  async lint(xml: string): Promise<Problem[]> {
    return (await firstValueFrom(this.http.post<{ problems: Problem[] }>(`${BASE}/lint`, { xml }))).problems;
  }

  /** Publishes the draft as a new version; rejects with {@link PublishRefused} when errors remain. */
  async publish(key: string, comment: string): Promise<{ version: number; definitionId: string }> {
    try {
      return await firstValueFrom(this.http.post<{ version: number; definitionId: string }>(`${path(key)}/publish`, { comment }));
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 400) {
        const body = error.error as { problems?: Problem[] } | null;
        throw new PublishRefused(errorMessage(error, 'The draft was not published.'), Array.isArray(body?.problems) ? body.problems : []);
      }
      throw error;
    }
  }

  /** The readable procedure (HTML, served by the server) of a version or of the draft. */
  documentUrl(key: string, version?: number | 'draft'): string {
    return `${path(key)}/document${version === undefined ? '' : `?version=${version}`}`;
  }
}
