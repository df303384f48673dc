import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, input, output, signal, viewChild } from '@angular/core';

/**
 * A password or token secret shown the one time the server lets us see it: the value, a Copy
 * button, and the warning that it will not be shown again. The panel takes the focus when it
 * appears, so a screen-reader user hears it at once; extra explanation comes as content.
 */
@Component({
  selector: 'sp-secret-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section #panel class="panel" tabindex="-1" [attr.aria-labelledby]="id() + '-heading'">
      <h2 [id]="id() + '-heading'">{{ heading() }}</h2>
      <ng-content select="[lead]" />
      <p class="label" [id]="id() + '-label'">{{ label() }}</p>
      <div class="value">
        <code #value [attr.aria-labelledby]="id() + '-label'" [id]="id() + '-value'">{{ secret() }}</code>
        <button type="button" class="sp-button" (click)="copy()">Copy<span class="sp-visually-hidden"> {{ label().toLowerCase() }}</span></button>
      </div>
      <p class="copied" role="status">{{ copied() }}</p>
      <p class="warning"><strong>Copy it now: it will not be shown again.</strong> Safepath keeps only a hash of it.</p>
      <ng-content />
      <button type="button" class="sp-button sp-button-secondary" (click)="dismissed.emit()">{{ dismissLabel() }}</button>
    </section>
  `,
  styles: `
    .panel { margin: 0 0 1.5rem; padding: 1rem 1.25rem; border: 2px solid var(--sp-brand); border-left-width: 6px; border-radius: 0.25rem; background: var(--sp-tint); }
    .panel:focus { outline: 3px solid var(--sp-focus); outline-offset: 2px; }
    h2 { margin: 0 0 0.5rem; font-size: 1.25rem; }
    .label { margin: 0.75rem 0 0.25rem; font-weight: 600; }
    .value { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
    code {
      font-family: ui-monospace, monospace; font-size: 1.125rem; padding: 0.375rem 0.625rem; word-break: break-all;
      background: var(--sp-paper); border: 1px solid var(--sp-line); border-radius: 0.25rem; user-select: all;
    }
    .copied { margin: 0.25rem 0 0; min-height: 1.5em; color: var(--sp-success); font-weight: 600; }
    .warning { margin: 0 0 0.75rem; }
  `,
})
export class SecretPanel {
  /** Prefix of the panel's element ids (unique on the page). */
  readonly id = input.required<string>();
  readonly heading = input.required<string>();
  /** What the value is, e.g. "Initial password". */
  readonly label = input.required<string>();
  readonly secret = input.required<string>();
  readonly dismissLabel = input('I have copied it');
  readonly dismissed = output<void>();

  protected readonly copied = signal('');
  private readonly panel = viewChild.required<ElementRef<HTMLElement>>('panel');
  private readonly value = viewChild.required<ElementRef<HTMLElement>>('value');

  constructor() {
    afterNextRender(() => this.panel().nativeElement.focus());
  }

  protected async copy(): Promise<void> {
    this.copied.set('');
    try {
      await navigator.clipboard.writeText(this.secret());
      this.copied.set('Copied to the clipboard.');
    } catch {
      // No clipboard access (an insecure page, a browser policy): select it for Ctrl+C instead.
      const range = document.createRange();
      range.selectNodeContents(this.value().nativeElement);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      this.copied.set('Selected: press Ctrl+C (or ⌘C) to copy it.');
    }
  }
}
