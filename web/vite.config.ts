import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API runs on the same origin in production (the server serves web/dist); in dev Vite proxies /api to it
// (GRIDGOV_API overrides the target, e.g. a server started on another port).
const apiTarget = process.env.GRIDGOV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Vendor groups: React and antd are needed on every page; MapLibre only on map pages (lazy routes).
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl/, priority: 30 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 20 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
