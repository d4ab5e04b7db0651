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

/** One `no-restricted-imports` block per layer, naming the folders that layer may not reach. */
function layerRules() {
  const features = ['ask', 'reveal', 'hide'];
  const above = {
    ask: ['app', 'reveal', 'hide'],
    reveal: ['app', 'ask', 'hide'],
    hide: ['app', 'ask', 'reveal'],
    ui: ['app', ...features],
    platform: ['app', 'ui', ...features],
    workers: ['app', 'ui', ...features],
  };
  const blocks = Object.entries(above).map(([layer, banned]) => ({
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${banned.join('|')})/`,
              message: `src/${layer} may not import from ${banned.join(', ')}: imports point downwards (app → features → ui → platform/workers → lib), and features never import each other.`,
            },
          ],
        },
      ],
    },
  }));
  blocks.push({
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(\\.\\./)+(app|ui|platform|workers|ask|reveal|hide|build)/',
              // From src/lib/<folder>/, `../x/` is a sibling lib folder; two levels up is outside lib.
              message: 'src/lib is DOM-free and imports nothing above it.',
            },
          ],
        },
      ],
    },
  });
  return blocks;
}
