import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Signpost } from './task-api';

interface Contact {
  text: string;
  href: string;
}

/** "999" → "tel:999", "(9)999" → "tel:9999", "0808 2000 247" → "tel:08082000247". */
function telHref(value: string): string {
  return `tel:${value.replace(/[^\d+]/g, '')}`;
}

/** "www.police.uk" → "https://www.police.uk"; only web addresses become links. */
function webHref(value: string): string | null {
  const url = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A contact field: one value, several joined with " or " (as the server sends them), or a list. */
const list = (value: string | string[] | undefined): string[] =>
  (value === undefined ? [] : Array.isArray(value) ? value : value.split(/\s+or\s+/)).map((v) => v.trim()).filter((v) => v !== '');

/** The services a step tells staff to give or use: phone numbers to tap, web sites to open. */
@Component({
  selector: 'sp-signposting-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="signposting-heading">
      <h2 id="signposting-heading">Who can help</h2>
      <ul>
        @for (entry of items(); track $index) {
          <li>
            <span class="name">{{ entry.name }}</span>
            @for (phone of entry.phones; track $index) {
              <a class="contact" [href]="phone.href"><span class="sp-visually-hidden">Phone </span>{{ phone.text }}</a>
            }
            @for (web of entry.webs; track $index) {
              @if (web.href) {
                <a class="contact" [href]="web.href" target="_blank" rel="noopener noreferrer">{{ web.text }}<span class="sp-visually-hidden"> (opens in a new tab)</span></a>
              } @else {
                <span class="contact">{{ web.text }}</span>
              }
            }
            @for (email of entry.emails; track $index) {
              <a class="contact" [href]="'mailto:' + email">{{ email }}</a>
            }
            @if (entry.address) {<span class="detail">{{ entry.address }}</span>}
            @if (entry.notes) {<span class="detail">{{ entry.notes }}</span>}
          </li>
        }
      </ul>
    </section>
  `,
  styles: `
    h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { padding: 0.375rem 0; }
    li + li { border-top: 1px dashed var(--sp-line); }
    .name { display: block; font-weight: 600; }
    .contact { display: inline-block; margin-right: 0.75rem; padding: 0.125rem 0; }
    .detail { display: block; color: var(--sp-muted); font-size: 0.9375rem; }
  `,
})
export class SignpostingPanel {
  readonly entries = input.required<readonly Signpost[]>();

  protected readonly items = computed(() =>
    this.entries().map((entry) => ({
      name: entry.name,
      address: entry.address,
      notes: entry.notes,
      phones: list(entry.phone).map((text): Contact => ({ text, href: telHref(text) })),
      webs: list(entry.web).map((text) => ({ text, href: webHref(text) })),
      emails: list(entry.email).filter((e) => /^[^\s@]+@[^\s@]+$/.test(e)),
    })),
  );
}
