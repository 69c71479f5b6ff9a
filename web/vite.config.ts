import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// The API runs on the same origin in production (the server serves web/dist); in dev Vite proxies /api to it
// (GRIDGOV_API overrides the target, e.g. a server started on another port).
const apiTarget = process.env.GRIDGOV_API ?? 'http://127.0.0.1:8080';

/*
 * GET requests the field app needs offline (网格员离线作业): who I am, the map config, the report categories and
 * my grid's bundle (boundary, cells, buildings, key sites, households' addresses, open cases, duty tasks, tracking
 * policy) and this week's cell coverage. Resident data (names, masked numbers) is NOT kept offline.
 * Network first, so a connected phone always sees fresh data; the cached copy answers when there is no signal.
 * Writes are never cached: reports and patrol points wait in IndexedDB (pages/field/offline) instead.
 * (The matcher is serialised into sw.js, so it must not refer to anything outside itself.)
 */
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      // A small script tag in index.html registers /sw.js; no app code depends on the plugin.
      injectRegister: 'script-defer',
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        id: '/field',
        name: '网格通 · 网格员 GridGov Field',
        short_name: '网格通',
        description: '网格员现场作业：今日任务、我的网格、随手拍上报、巡查与走访，无信号也能用。',
        lang: 'zh-CN',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#c8102e',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The whole shell (every lazy page, MapLibre included) so any page opens without a signal.
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/index.html',
        // API calls are never answered with the app shell.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin
              && /^\/api\/(auth\/me$|config\/public$|catalogue$|field\/(bundle|tasks|policy)|patrols\/coverage)/.test(url.pathname),
            handler: 'NetworkFirst',
            method: 'GET',
            options: {
              cacheName: 'gridgov-field-api',
              networkTimeoutSeconds: 6,
              expiration: { maxEntries: 80, maxAgeSeconds: 14 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
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
