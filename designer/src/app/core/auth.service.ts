import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ChangePasswordError, type Session, SignInError, type SignInOptions } from './session';

const SESSION_URL = '/api/session';

/**
 * Who is signed in, for the whole app. The session itself lives in an httpOnly cookie the app
 * cannot read; this service asks GET /api/session once at start ({@link restore}) and then
 * follows sign-in, sign-out and 401 answers ({@link forget}).
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly session = signal<Session | null>(null);
  private restoring: Promise<Session | null> | null = null;

  /** The signed-in person, or null. */
  readonly user = this.session.asReadonly();
  readonly signedIn = computed(() => this.session() !== null);
  /** The person's organisation; null for the platform administrator (all organisations). */
  readonly organisation = computed(() => {
    const session = this.session();
    if (session === null || session.tenantId === null) return null;
    return { id: session.tenantId, name: session.organisationName ?? session.tenantId };
  });

  /** Asks the server who is signed in; the first answer is shared by later calls. */
  restore(): Promise<Session | null> {
    this.restoring ??= firstValueFrom(this.http.get<Session>(SESSION_URL)).then(
      (session) => this.remember(session),
      (error: unknown) => {
        // Anything but "not signed in" (server down, 5xx) is asked again at the next navigation.
        if (!(error instanceof HttpErrorResponse && error.status === 401)) this.restoring = null;
        this.session.set(null);
        return null;
      },
    );
    return this.restoring;
  }

  /** Signs in with username and password; rejects with a {@link SignInError}. */
  async signIn(username: string, password: string): Promise<Session> {
    try {
      return this.remember(await firstValueFrom(this.http.post<Session>(SESSION_URL, { username, password })));
    } catch (error) {
      if (error instanceof HttpErrorResponse && (error.status === 401 || error.status === 400)) throw new SignInError('wrong-credentials');
      if (error instanceof HttpErrorResponse && error.status === 429) throw new SignInError('locked-out');
      throw new SignInError('unavailable');
    }
  }

  /** Ends the session on the server; locally the person is signed out even if the server is unreachable. */
  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.http.delete<void>(SESSION_URL));
    } catch {
      // Expired already, or the server is down: the cookie is useless either way.
    } finally {
      this.forget();
    }
  }

  /** Changes the password; rejects with a {@link ChangePasswordError} carrying the server's reason. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    try {
      await firstValueFrom(this.http.put<void>(`${SESSION_URL}/password`, { currentPassword, newPassword }));
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 403) {
        throw new ChangePasswordError(serverMessage(error) ?? 'The current password is wrong', 'currentPassword');
      }
      if (error instanceof HttpErrorResponse && error.status === 400) {
        throw new ChangePasswordError(serverMessage(error) ?? 'The new password was not accepted', 'newPassword');
      }
      if (error instanceof HttpErrorResponse && error.status === 429) {
        throw new ChangePasswordError('Too many wrong passwords: wait a few minutes and try again', null);
      }
      throw new ChangePasswordError('The password could not be changed. Try again in a moment.', null);
    }
  }

  /** How people may sign in; a server without single sign-on (404) means password only. */
  async options(): Promise<SignInOptions> {
    try {
      const options = await firstValueFrom(this.http.get<SignInOptions>(`${SESSION_URL}/options`));
      return { oidc: options.oidc === true, ...(typeof options.oidcLabel === 'string' ? { oidcLabel: options.oidcLabel } : {}) };
    } catch {
      return { oidc: false };
    }
  }

  /** Drops the local session (after sign-out, or when the server answered 401). */
  forget(): void {
    this.session.set(null);
    this.restoring = Promise.resolve(null);
  }

  private remember(session: Session): Session {
    this.session.set(session);
    this.restoring = Promise.resolve(session);
    return session;
  }
}

function serverMessage(error: HttpErrorResponse): string | null {
  const body: unknown = error.error;
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' && body.message.length > 0) return body.message;
  return null;
}
