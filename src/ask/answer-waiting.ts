/**
 * While a question waits for its first words ("Sending…", "Retrying…") the answer's box shows
 * three dots that pulse, as a chat app does, rather than an empty box that reads as an answer
 * with nothing in it. Styles the live answer's shadow root from the conversation's element
 * (loaded with the first question), so the first view carries none of it.
 */
import { adoptOnce } from './ask-late-styles.ts';

/** The dots: drawn after the (empty) answer while its state is sending or retrying. */
const waitingStyles = `
  .answer:is([data-state='sending'], [data-state='retrying'])::after {
    content: '';
    display: block;
    width: 2.5rem;
    height: 0.625rem;
    margin: 1rem 0;
    background: radial-gradient(circle closest-side, var(--g-muted) 85%, transparent) 0 0 /
      0.875rem 100% repeat-x;
    animation: answer-waiting 0.9s ease-in-out infinite alternate;
  }
  @keyframes answer-waiting {
    from {
      opacity: 0.35;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    /* As specific as the rule above, or it loses to it (the dots pulsed all the same). */
    .answer:is([data-state='sending'], [data-state='retrying'])::after {
      animation: none;
    }
  }
`;

/** Give `answer` (an ask-answer element) its waiting dots, once. */
export function styleWaiting(answer: Element | null): void {
  if (answer?.shadowRoot) adoptOnce(answer.shadowRoot, waitingStyles);
}
