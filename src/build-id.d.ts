/** Identifies the deploy; set by `define` in vite.config.ts (`GLIMPSE_BUILD_ID` or the build time). */
declare const __BUILD_ID__: string;
