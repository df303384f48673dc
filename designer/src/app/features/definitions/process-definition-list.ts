import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { AuthService } from '../../core/auth.service';
import { ProcessDefinition, ProcessDefinitionsService } from '../../core/process-definitions.service';

type LoadState = 'loading' | 'ready' | 'failed';

/** The start page: the latest version of each process deployed for the person's organisation. */
@Component({
  selector: 'sp-process-definition-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Processes</h1>
    <p class="lead">
      @if (auth.organisation(); as organisation) {
        The procedures of <strong>{{ organisation.name }}</strong> that Safepath runs, newest version of each.
      } @else {
        The procedures Safepath runs for every organisation, newest version of each.
      }
      Other systems use the Camunda&nbsp;7 compatible REST API described in the <a href="/api/docs">API documentation</a>.
    </p>

    <section aria-labelledby="definitions-heading">
      <h2 id="definitions-heading" class="sp-visually-hidden">Deployed processes</h2>
      <div aria-live="polite">
        @switch (state()) {
          @case ('loading') {
            <p>Loading processes…</p>
          }
          @case ('failed') {
            <p class="error" role="alert">
              The processes could not be loaded. Check your connection, then
              <button type="button" (click)="load()">try again</button>.
            </p>
          }
          @default {
            @if (sorted().length === 0) {
              <p>No processes are deployed for your organisation yet. A policy lead deploys them.</p>
            } @else {
              <table>
                <caption class="sp-visually-hidden">Latest version of each deployed process</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Key</th>
                    <th scope="col">Version</th>
                    @if (showOrganisation()) {
                      <th scope="col">Organisation</th>
                    }
                  </tr>
                </thead>
                <tbody>
                  @for (definition of sorted(); track definition.id) {
                    <tr>
                      <th scope="row">{{ definition.name || definition.key }}</th>
                      <td><code>{{ definition.key }}</code></td>
                      <td>{{ definition.version }}</td>
                      @if (showOrganisation()) {
                        <td>{{ definition.tenantId ?? 'Shared' }}</td>
                      }
                    </tr>
                  }
                </tbody>
              </table>
            }
          }
        }
      </div>
    </section>
  `,
  styles: `
    .lead { max-width: 65ch; }
    table { width: 100%; border-collapse: collapse; }
    th, td { padding: 0.5rem 0.75rem; text-align: left; border-bottom: 1px solid var(--sp-line); }
    thead th { color: var(--sp-muted); font-size: 0.875rem; text-transform: uppercase; letter-spacing: 0.03em; }
    tbody th { font-weight: 600; }
    .error { color: var(--sp-danger); }
    .error button { font: inherit; }
  `,
})
export class ProcessDefinitionList {
  private readonly definitionsService = inject(ProcessDefinitionsService);
  protected readonly auth = inject(AuthService);
  /** Only the platform administrator sees several organisations' processes. */
  protected readonly showOrganisation = computed(() => this.auth.user() !== null && this.auth.organisation() === null);

  protected readonly state = signal<LoadState>('loading');
  private readonly definitions = signal<ProcessDefinition[]>([]);
  protected readonly sorted = computed(() =>
    [...this.definitions()].sort((a, b) => (a.name ?? a.key).localeCompare(b.name ?? b.key) || a.key.localeCompare(b.key)),
  );

  constructor() {
    this.load();
  }

  /** (Re)loads the list; the template shows loading, failure and empty states. */
  protected load(): void {
    this.state.set('loading');
    this.definitionsService.latest().subscribe({
      next: (definitions) => {
        this.definitions.set(definitions);
        this.state.set('ready');
      },
      error: () => this.state.set('failed'),
    });
  }
}
