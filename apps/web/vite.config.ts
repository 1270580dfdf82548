import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The API server checks Origin on every state-changing request, so the dev proxy presents its origin. */
const API = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': {
        target: API,
        changeOrigin: true,
        configure: (proxy) => {
          proxy.on('proxyReq', (req) => {
            if (req.getHeader('origin')) req.setHeader('origin', API);
          });
        },
      },
      '/healthz': { target: API, changeOrigin: true },
    },
  },
  build: {
    // antd is one large vendor chunk by design; pages are split per route.
    chunkSizeWarningLimit: 1500,
  },
});
