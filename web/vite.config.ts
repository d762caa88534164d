import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Run from the repository root (`npm run build`): the app's sources are web/, its output dist/web/.
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  // The API's types come from the server's contracts (type-only imports, erased from the bundle).
  resolve: { alias: { '@contracts': fileURLToPath(new URL('../src/contracts', import.meta.url)) } },
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
});
