import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Recharts and React in one chunk is what a demo page needs; splitting it would only add requests.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    // `vite` in dev forwards the API to a demo server started with `npm start -- --port 5174`.
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:5174' },
  },
});
