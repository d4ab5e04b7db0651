/** The image rules, DOM-free: import from here. */
export * from './base64.ts';
export * from './errors.ts';
export * from './formats.ts';
export * from './header.ts';
export * from './intake.ts';
export * from './limits.ts';
export * from './metadata.ts';
export * from './plan.ts';
export * from './tokens.ts';
