import { css } from 'lit';
import { buttonStyles } from '../ui/form-styles.ts';
import { revealLook } from './reveal-look.ts';

/**
 * The Reveal view's look: the picture first and large (a stage on the left, fitted to the
 * window; what Auto reveal and Read text found and the settings in a narrow column beside it,
 * under it on a phone), a toolbar of the main actions above the picture,
 * an inviting drop area while there is no image, and designed status, error and "found" lines.
 * Kept apart from the view's logic so each file stays small.
 */
export const revealStyles = [
  buttonStyles,
  revealLook,
  css`
    .workspace {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(16rem, 20rem);
      gap: var(--g-space-4) var(--g-space-5);
      align-items: start;
    }
    @media (max-width: 48rem) {
      .workspace {
        /* minmax(0, …): a plain 1fr would grow to the widest control and scroll sideways on phones. */
        grid-template-columns: minmax(0, 1fr);
        row-gap: var(--g-space-3);
      }
    }
    /* Before an image: the invitation alone, the width of the view. The actions and the
       settings would stand greyed out beside it, with nothing to act on yet. */
    .workspace.empty {
      grid-template-columns: minmax(0, 1fr);
    }
    .empty .toolbar,
    .empty .side {
      display: none;
    }
    /* Beside the picture (a wide screen): what Auto reveal found, what Read text found, then
       the settings, so the answers are read with the picture in one window rather than below
       the fold under it. */
    .side {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: var(--g-space-3);
      min-width: 0;
    }
    .stage,
    .panel {
      display: grid;
      /* minmax(0, …) again: a large picture must not widen its column past the screen. */
      grid-template-columns: minmax(0, 1fr);
      gap: var(--g-space-3);
      min-width: 0;
    }
    @media (max-width: 48rem) {
      /* One column: what Auto reveal found right under the picture it explains, then what
         Read text found, then the settings (the side column's parts join the stage's). */
      .stage,
      .side {
        display: contents;
      }
      reveal-text {
        order: 1;
      }
      .panel {
        order: 2;
      }
    }
    .panel h3 {
      margin: 0;
      font-size: var(--g-text-body);
    }
    /* The empty view: a large, friendly target where the picture will be. */
    .drop {
      display: grid;
      place-items: center;
      align-content: center;
      gap: var(--g-space-3);
      min-height: min(55vh, 26rem);
      padding: var(--g-space-5) var(--g-space-4);
      border: 2px dashed var(--g-border);
      border-radius: var(--g-radius-large);
      background: var(--g-surface);
      text-align: center;
      overflow-wrap: anywhere;
    }
    .drop-title {
      margin: 0;
      font-size: var(--g-text-headline);
      font-weight: var(--g-weight-strong);
    }
    /* What Reveal does, in a line or two under the invitation. */
    .about {
      margin: 0;
      max-width: 36rem;
    }
    .drop .pick {
      display: grid;
      gap: var(--g-space-1);
      justify-items: center;
    }
    /* With an image open, choosing another is one compact line above the picture. */
    .drop.compact {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      place-items: unset;
      gap: var(--g-space-1) var(--g-space-3);
      min-height: 0;
      padding: var(--g-space-2) var(--g-space-3);
      border-width: 1px;
      border-radius: var(--g-radius);
      text-align: start;
    }
    .drop.compact .pick {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--g-space-2);
      /* The chooser with a long file name shrinks rather than widen a phone's page. */
      min-width: 0;
      max-width: 100%;
    }
    .drop.compact p {
      margin: 0;
    }
    /* The hint at the end of the chooser's line; the image's name and size on a line below. */
    .drop.compact .note {
      order: 1;
      margin-inline-start: auto;
    }
    .drop.compact .status {
      order: 2;
      flex-basis: 100%;
    }
    /* On a phone, the box is short once an image is open, so that the picture under the
       toolbar is in sight: the label, the chooser and its file's name on one line, the image's
       size under them in small type, no hint (at 360 × 780 the picture ended 50 px below the
       window under a box of four lines). */
    @media (max-width: 48rem) {
      .drop.compact {
        padding: var(--g-space-1) var(--g-space-2);
      }
      .drop.compact .pick {
        flex-wrap: nowrap;
        width: 100%;
      }
      .drop.compact input {
        flex: 1 1 0;
      }
      .drop.compact .note {
        display: none;
      }
      .drop.compact .status {
        font-size: var(--g-text-small);
      }
    }
    .drop.dragging {
      border-style: solid;
      border-color: var(--g-focus);
    }
    label {
      font-weight: var(--g-weight-strong);
    }
    input {
      font: inherit;
      color: inherit;
      min-width: 0;
      max-width: 100%;
    }
    .note,
    .muted {
      color: var(--g-muted);
      font-size: var(--g-text-small);
      margin: 0;
    }
    .try {
      margin: 0;
      display: grid;
      gap: var(--g-space-1);
      justify-items: center;
      max-width: 30rem;
    }
    .status {
      margin: 0;
      font-variant-numeric: tabular-nums;
    }
    .status:empty {
      display: none;
    }
    /* The main actions, as a toolbar: the primary one first, hand-offs after a gap. */
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--g-space-2);
      margin: 0;
    }
    .toolbar .end {
      margin-inline-start: auto;
    }
    /* On a phone, two even columns under the primary action: five buttons of their own widths
       wrapped into three ragged rows. */
    @media (max-width: 48rem) {
      .toolbar {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
      .toolbar .primary,
      .toolbar .stop {
        grid-column: 1 / -1;
      }
      .toolbar .end {
        margin-inline-start: 0;
      }
    }
    /* "All views" open reads as a pressed toggle. */
    button[aria-expanded='true'] {
      background: var(--g-surface);
      border-color: var(--g-accent);
      box-shadow: inset 0 0 0 1px var(--g-accent);
    }
    .picture {
      padding: var(--g-space-3);
      border-radius: var(--g-radius-large);
      background: var(--g-surface);
    }
    /* A phone's narrow picture keeps its width for the image, not a frame. */
    @media (max-width: 48rem) {
      .picture {
        padding: var(--g-space-1);
      }
    }
    /* Auto reveal at work: a bar where its answer will stand, as wide as the answer. */
    .looking {
      width: 100%;
      accent-color: var(--g-accent);
    }
    /* What Auto reveal found: a callout beside the picture, in the accent colour. */
    .found {
      margin: 0;
      font-weight: var(--g-weight-strong);
    }
    /* Empty, it stays in the page for the announcement, but out of the grid: as an empty row
       it still took a gap (a grid row cannot be shorter than nothing). */
    .found:empty,
    reveal-text[data-empty] {
      position: absolute;
    }
    .found:not(:empty) {
      padding: var(--g-space-2) var(--g-space-3);
      border-inline-start: 4px solid var(--g-accent);
      border-radius: var(--g-radius);
      background: var(--g-surface);
    }
    section {
      margin-top: var(--g-space-5);
    }
    /* Brought into view when opened: its heading a little clear of the window's edge. */
    .all-views {
      scroll-margin-top: var(--g-space-4);
    }
    section h3 {
      margin: 0 0 var(--g-space-2);
      font-size: var(--g-text-title);
    }
  `,
];
