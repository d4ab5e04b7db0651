/** How long a handoff may take to show its view before focusing is given up. */
const SHOW_WITHIN_MS = 2000;

/**
 * Run `focus` once `view` is shown. A handoff ("Reveal it", "Hide this text") switches to the
 * view a moment after handing it what it carries; focusing inside a view that is still hidden
 * does nothing, and the keyboard's focus would stay on the button left behind, out of sight.
 * Gives up if the view is not shown soon (the person went elsewhere).
 */
export function focusWhenShown(view: HTMLElement, focus: () => void): void {
  if (!view.hidden) {
    focus();
    return;
  }
  const watch = new MutationObserver(() => {
    if (view.hidden) return;
    stop();
    focus();
  });
  const timer = setTimeout(() => stop(), SHOW_WITHIN_MS);
  const stop = () => {
    clearTimeout(timer);
    watch.disconnect();
  };
  watch.observe(view, { attributes: true, attributeFilter: ['hidden'] });
}
