import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { HandoffDetail, TextHandoffDetail, ViewName } from '../ui/events.ts';
import { alertStyles } from '../ui/form-styles.ts';
import { viewFromHash, views } from './route.ts';
import '../ask/ask-view.ts';
import './update-banner.ts';
import { serviceWorker } from '../platform/service-worker.ts';

/**
 * Views other than Ask, loaded when first opened so the first page load stays small (Ask is
 * the default route). Under `file://` the standalone build inlines them, so this resolves at once.
 */
const lazyViews: Partial<Record<ViewName, () => Promise<unknown>>> = {
  reveal: () => import('../reveal/reveal-view.ts'),
  hide: () => import('../hide/hide-view.ts'),
};

/**
 * What a person does to give a tab something a reload would lose: type (a prompt, a
 * message), choose a file, drop or paste an image, or press a button in a view (a sample,
 * a suggested prompt, Ask). Only this tab's page hears them.
 */
const WORK_EVENTS = ['input', 'drop', 'paste', 'click'] as const;

/** A view that can take an image handed over from another view. */
interface ReceivesHandoff extends HTMLElement {
  receive(detail: HandoffDetail): void;
}

/** A view that can take text handed over from another view. */
interface ReceivesText extends HTMLElement {
  receiveText(text: string): void;
}

/**
 * The app shell: a tab per view, the URL hash (`#/ask`, `#/reveal`, `#/hide`) as the source
 * of truth, every view kept alive so switching tabs loses nothing, and image hand-off
 * between views.
 */
@customElement('glimpse-app')
export class GlimpseApp extends LitElement {
  // The tabs are one segmented control on a raised strip. (Comments stay out of the CSS: they
  // would ship in the first view.)
  static override styles = [
    alertStyles,
    css`
      :host {
        display: block;
        max-width: 72rem;
        margin: 0 auto;
        padding: 0 1rem 2rem;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--g-space-2) var(--g-space-5);
        padding: var(--g-space-3) 0;
        margin-bottom: var(--g-space-2);
        border-bottom: 1px solid var(--g-border);
      }
      h1 {
        margin: 0;
        font-size: var(--g-text-headline);
      }
      nav {
        display: flex;
        gap: var(--g-space-1);
        padding: var(--g-space-1);
        border-radius: var(--g-radius-large);
        background: var(--g-surface);
      }
      nav a {
        padding: var(--g-space-1) var(--g-space-4);
        border-radius: var(--g-radius);
        color: var(--g-fg);
        text-decoration: none;
        font-weight: var(--g-weight-strong);
      }
      nav a[aria-selected='true'] {
        background: var(--g-accent);
        color: var(--g-accent-fg);
      }
      nav a:focus-visible {
        outline: 3px solid var(--g-focus);
        outline-offset: 2px;
      }
      [hidden] {
        display: none !important;
      }
    `,
  ];

  @state() private _view: ViewName = viewFromHash(location.hash);

  /** Lazy views whose code has been asked for (each is imported once). */
  private readonly _loads = new Map<ViewName, Promise<unknown>>();

  /** Lazy views whose code could not be fetched (offline on a first visit). */
  @state() private _failed: ReadonlySet<ViewName> = new Set();

  /**
   * The person has given this tab something (see {@link WORK_EVENTS}): an update accepted
   * in another tab then offers the reload here rather than reloading. Erring this way costs
   * one click; the other way would lose a prompt, an image or an answer.
   */
  private _holdsWork = false;

  private readonly _onHashChange = (): void => {
    this._view = viewFromHash(location.hash);
  };

  private readonly _onWork = (e: Event): void => {
    // Switching tabs or pressing the update button gives the page nothing to keep.
    if (
      e.type === 'click' &&
      !e.composedPath().some((n) => n instanceof HTMLElement && n.localName === 'main')
    )
      return;
    this._holdsWork = true;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this._onHashChange);
    this.addEventListener('glimpse-handoff', this._onHandoff);
    for (const type of WORK_EVENTS) window.addEventListener(type, this._onWork, true);
    serviceWorker.setWorkCheck(() => this._holdsWork);
    this.addEventListener('glimpse-text-handoff', this._onTextHandoff);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this._onHashChange);
    this.removeEventListener('glimpse-handoff', this._onHandoff);
    for (const type of WORK_EVENTS) window.removeEventListener(type, this._onWork, true);
    serviceWorker.setWorkCheck(() => false);
    this.removeEventListener('glimpse-text-handoff', this._onTextHandoff);
    super.disconnectedCallback();
  }

  /** Start loading the open view's code, if it is a lazy one not asked for yet. */
  override willUpdate(changed: PropertyValues): void {
    // Only when the view changes: a failed load is retried when its tab is opened again.
    if (changed.has('_view')) this._load(this._view).catch(() => undefined);
  }

  override render() {
    return html`
      <header>
        <h1>Glimpse</h1>
        <nav aria-label="Views" role="tablist">
          ${views.map(
            (v) =>
              html`<a
                role="tab"
                id="tab-${v.name}"
                href="#/${v.name}"
                aria-controls="view-${v.name}"
                aria-selected=${this._view === v.name ? 'true' : 'false'}
                tabindex=${this._view === v.name ? '0' : '-1'}
                @keydown=${this._onTabKey}
                >${v.label}</a
              >`,
          )}
        </nav>
      </header>
      <main>
        <ask-view
          id="view-ask"
          role="tabpanel"
          aria-labelledby="tab-ask"
          ?hidden=${this._view !== 'ask'}
        ></ask-view>
        <reveal-view
          id="view-reveal"
          role="tabpanel"
          aria-labelledby="tab-reveal"
          ?hidden=${this._view !== 'reveal'}
          >${this._placeholder('reveal')}</reveal-view
        >
        <hide-view
          id="view-hide"
          role="tabpanel"
          aria-labelledby="tab-hide"
          ?hidden=${this._view !== 'hide'}
          >${this._placeholder('hide')}</hide-view
        >
      </main>
      <update-banner></update-banner>
    `;
  }

  /** Arrow keys move between tabs, as the ARIA tabs pattern expects. */
  private _onTabKey(e: KeyboardEvent): void {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const i = views.findIndex((v) => v.name === this._view);
    const next = views[(i + step + views.length) % views.length];
    location.hash = `#/${next.name}`;
    this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLElement>(`#tab-${next.name}`)?.focus();
    });
  }

  /**
   * Shown inside a lazy view's element until its code has loaded; the element's shadow root
   * (which has no slot) hides it from then on.
   */
  private _placeholder(view: ViewName) {
    return this._failed.has(view)
      ? html`<p role="alert">
          This view could not be loaded. Check the connection and open its tab again.
        </p>`
      : html`<p role="status">Loading…</p>`;
  }

  /** Import a lazy view's code once; resolves when its element is defined. */
  private _load(view: ViewName): Promise<unknown> {
    let load = this._loads.get(view);
    if (!load) {
      load = (lazyViews[view]?.() ?? Promise.resolve()).then(
        () => {
          if (this._failed.has(view))
            this._failed = new Set([...this._failed].filter((v) => v !== view));
        },
        (error: unknown) => {
          // Fetching the chunk failed: say so, and try again when the tab is next opened.
          this._loads.delete(view);
          this._failed = new Set([...this._failed, view]);
          throw error;
        },
      );
      this._loads.set(view, load);
    }
    return load;
  }

  private readonly _onHandoff = (e: CustomEvent<HandoffDetail>): void => {
    const { detail } = e;
    location.hash = `#/${detail.target}`;
    // The target may not be loaded yet: hand over once its element has upgraded.
    this._load(detail.target).then(
      () => {
        const target = this.renderRoot.querySelector<ReceivesHandoff>(`#view-${detail.target}`);
        target?.receive(detail);
      },
      () => undefined, // the view says it could not be loaded
    );
  };

  /** Text goes to its view the same way an image does, once the view has loaded. */
  private readonly _onTextHandoff = (e: CustomEvent<TextHandoffDetail>): void => {
    const { target, text } = e.detail;
    location.hash = `#/${target}`;
    this._load(target).then(
      () => this.renderRoot.querySelector<ReceivesText>(`#view-${target}`)?.receiveText(text),
      () => undefined, // the view says it could not be loaded
    );
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'glimpse-app': GlimpseApp;
  }
}
