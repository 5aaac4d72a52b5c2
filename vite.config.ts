import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer only: built to dist/ and loaded by Electron from disk or by the browser host over 127.0.0.1.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist', emptyOutDir: true, sourcemap: false, target: 'chrome130' },
});
