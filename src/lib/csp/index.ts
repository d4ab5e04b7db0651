/** The csp rules, DOM-free: import from here. */
export * from './connect-src.ts';
