/**
 * Build-time Vite plugin (never part of the page): makes one `index.html` that loads a small,
 * code-split ES-module build over http(s) and still runs when opened from disk.
 *
 * Chromium refuses module scripts (and any `crossorigin` load) from a `file://` page, so the
 * plugin (1) replaces Vite's `<script type="module">` with a tiny inline bootstrap that picks
 * the ES entry over http(s) and a classic script, {@link standaloneFile}, from disk; (2)
 * inlines the global stylesheet so no `<link crossorigin>` is needed; (3) after the main
 * build, builds the whole app once more as that single classic script, dynamic imports and
 * workers inlined.
 */
import { join } from 'node:path';
import { build, type Plugin, type ResolvedConfig } from 'vite';

/** The classic script the page loads when opened from `file://`, next to `index.html`. */
export const standaloneFile = 'glimpse-standalone.js';

/**
 * The inline script that starts the app: the ES entry at `entry` (a path relative to the
 * page) over http(s), {@link standaloneFile} from disk.
 */
export function bootstrapScript(entry: string): string {
  return (
    `(()=>{const s=document.createElement('script');` +
    `if(location.protocol==='file:')s.src='./${standaloneFile}';` +
    `else{s.type='module';s.src=${JSON.stringify(`./${entry}`)}}` +
    `document.head.append(s)})()`
  );
}

/** Options for the nested standalone build. */
interface StandaloneOptions {
  root: string;
  outDir: string;
  mode: string;
  define: Record<string, unknown> | undefined;
  entry: string;
}

/** Build the whole app as one classic script into `outDir`, beside the ES build. */
async function buildStandalone(o: StandaloneOptions): Promise<void> {
  await build({
    configFile: false,
    root: o.root,
    base: './',
    mode: o.mode,
    logLevel: 'warn',
    publicDir: false,
    define: o.define,
    worker: { format: 'iife' },
    build: {
      outDir: o.outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2022',
      assetsInlineLimit: 0,
      modulePreload: false,
      rollupOptions: {
        input: o.entry,
        // Only Vite's preload helper reads import.meta (to preload a dynamic import's
        // chunks); with every dynamic import inlined it never runs, so an empty one is right.
        onLog(level, log, handler) {
          if (log.code !== 'EMPTY_IMPORT_META') handler(level, log);
        },
        output: {
          format: 'iife',
          entryFileNames: standaloneFile,
        },
      },
    },
  });
}

/**
 * The plugin. List it before the CSP plugin, which hashes the inline code this one writes.
 * `entry` is the app's entry module, relative to the project root.
 */
export function splitPlugin(entry = 'src/app/main.ts'): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'glimpse:split',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle: {
      order: 'post',
      handler(_output, bundle) {
        const html = Object.values(bundle).find(
          (f) => f.type === 'asset' && f.fileName === 'index.html',
        );
        if (!html || html.type !== 'asset') return;
        let text = String(html.source);
        // The ES entry: started by the bootstrap instead of a module tag file:// would refuse.
        text = text.replace(
          /<script type="module"[^>]*\bsrc="\.\/([^"]+)"[^>]*><\/script>/,
          (_m, src: string) => `<script>${bootstrapScript(src)}</script>`,
        );
        // Stylesheets inline: a `<link crossorigin>` fails from disk, and it saves a request.
        text = text.replace(
          /<link rel="stylesheet"[^>]*\bhref="\.\/([^"]+)"[^>]*>/g,
          (m, href: string) => {
            const css = bundle[href];
            if (!css || css.type !== 'asset') return m;
            delete bundle[href];
            return `<style>${String(css.source)}</style>`;
          },
        );
        html.source = text;
      },
    },
    async closeBundle() {
      await buildStandalone({
        root: config.root,
        outDir: config.build.outDir,
        mode: config.mode,
        define: config.define,
        entry: join(config.root, entry),
      });
    },
  };
}
