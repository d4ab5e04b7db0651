// ESLint flat config. It lives in .ci/ because the project's top level is fixed;
// `npm run lint` points ESLint at it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'coverage/**', 'dev-dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // Imports point downwards only: app → features (ask, reveal, hide) → ui → platform, workers
  // → lib. A feature never imports another (hand-offs go through src/app).
  ...layerRules(),
  {
    files: ['test/**/*.ts', '.ci/**/*.js'],
    rules: { 'no-console': 'off' },
  },
);

/**
 * One `no-restricted-imports` block per layer, naming the folders that layer may not reach,
 * and one import style for lib: outside a lib folder, import the module that defines a name,
 * never the folder's `index.ts` (a barrel made Rollup pull whole folders into the first view's
 * chunk: 37.8 KB against 32.8 KB). A later block replaces an earlier one's options for the
 * same rule, so each block lists every pattern that applies to its files.
 */
function layerRules() {
  const features = ['ask', 'reveal', 'hide'];
  const above = {
    app: [],
    build: [],
    ask: ['app', 'reveal', 'hide'],
    reveal: ['app', 'ask', 'hide'],
    hide: ['app', 'ask', 'reveal'],
    ui: ['app', ...features],
    platform: ['app', 'ui', ...features],
    workers: ['app', 'ui', ...features],
  };
  const noBarrel = {
    regex: '/lib/[a-z-]+/index\\.ts$',
    message: 'Import the src/lib module that defines the name, not the folder index.ts.',
  };
  const rule = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
  const blocks = Object.entries(above).map(([layer, banned]) => ({
    files: [`src/${layer}/**/*.ts`],
    rules: rule([
      noBarrel,
      ...(banned.length
        ? [
            {
              regex: `^(\\.\\./)+(${banned.join('|')})/`,
              message: `src/${layer} may not import from ${banned.join(', ')}: imports point downwards (app → features → ui → platform/workers → lib), and features never import each other.`,
            },
          ]
        : []),
    ]),
  }));
  blocks.push({
    files: ['src/lib/**/*.ts'],
    rules: rule([
      {
        // From src/lib/<folder>/, `../x/` is a sibling lib folder; two levels up is outside lib.
        regex: '^\\.\\./(\\.\\./)+(app|ui|platform|workers|ask|reveal|hide|build)/',
        message: 'src/lib is DOM-free and imports nothing above it.',
      },
      {
        regex: '^\\.\\./[a-z-]+/index\\.ts$',
        message:
          'Import the module of another src/lib folder that defines the name, not its index.ts.',
      },
    ]),
  });
  return blocks;
}
