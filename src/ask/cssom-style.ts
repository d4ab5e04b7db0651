import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

/** Inline styles this directive sets, by CSS property name. */
export type StyleValues = Readonly<Record<string, string>>;

/**
 * Like Lit's `styleMap`, but always through the CSSOM (`style.setProperty`). `styleMap`
 * writes a `style="…"` attribute on first render, which the page's Content Security Policy
 * (style-src without 'unsafe-inline') refuses; CSSOM changes are allowed. Use it as an
 * element binding: `<img ${cssomStyle({ left: '4px' })}>`.
 */
class CssomStyleDirective extends Directive {
  private _previous = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('cssomStyle is an element binding');
  }

  render(_values: StyleValues): unknown {
    return noChange;
  }

  override update(part: ElementPart, [values]: [StyleValues]): unknown {
    const style = (part.element as HTMLElement).style;
    for (const name of this._previous) if (!(name in values)) style.removeProperty(name);
    for (const [name, value] of Object.entries(values)) style.setProperty(name, value);
    this._previous = new Set(Object.keys(values));
    return noChange;
  }
}

/** Set inline styles through the CSSOM, so a strict style-src policy allows them. */
export const cssomStyle = directive(CssomStyleDirective);
