import Module from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';

// typescript-eslint supports TypeScript up to 6.0 and reads it through TypeScript's JavaScript API, which the
// native TypeScript 7 that type-checks this project (tsc -b) no longer has. Its parser is given TypeScript 6.0.3
// (the `typescript-6` alias in package.json) instead, in this process only.
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request === 'typescript' ? 'typescript-6' : request, ...rest);
};
const { default: tseslint } = await import('typescript-eslint');

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', '.ci-out/', 'tests/fixtures/**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
);
