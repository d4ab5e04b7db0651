/** The ocr rules, DOM-free: import from here. */
export * from './messages.ts';
export * from './prepare.ts';
