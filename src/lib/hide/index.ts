/** Hide's DOM-free parts: options with the lesson's defaults, line layout, two-colour paint. */
export * from './options.ts';
export { wrapLines, type MeasureText } from './wrap.ts';
export { layoutMessage, LINE_SPACING, TEXT_WIDTH_SHARE, type PlacedLine } from './layout.ts';
export { coverageToMask, paintTwoColours, COVERAGE_THRESHOLD } from './compose.ts';
