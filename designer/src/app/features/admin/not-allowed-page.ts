import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

/** What someone without the administrator's role sees at an /admin address. */
@Component({
  selector: 'sp-not-allowed-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Administration is not available to you</h1>
    <p>
      Only your organisation's administrators manage people and API tokens. If you need an account for a colleague,
      a different role or another team, ask one of them.
    </p>
    <p><a routerLink="/">Go to your start page</a></p>
  `,
  styles: `:host { display: block; max-width: 40rem; }`,
})
export class NotAllowedPage {}
