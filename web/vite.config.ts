import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Run from the repository root (`npm run build`): the app's sources are web/, its output dist/web/.
// Libraries go to vendor chunks that change only with a dependency (cached across releases): React in
// `react`, ECharts (the largest, needed only by screens with charts) in `echarts`; each screen is a lazy chunk.
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  // The API's types come from the server's contracts (type-only imports, erased from the bundle).
  // Words the server and the app both say (src/i18n/shared.ts) are one module, imported by a relative
  // path (an alias would not resolve in the tests, which run web/src compiled to plain JavaScript).
  resolve: {
    alias: {
      '@contracts': fileURLToPath(new URL('../src/contracts', import.meta.url)),
    },
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
});
