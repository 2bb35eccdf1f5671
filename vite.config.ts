import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: sources in src/web, built into dist/web, which `attestly serve` serves at `/`.
// `npm run dev:web` serves it with hot reload and forwards /api to a running `attestly serve`.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1024 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
