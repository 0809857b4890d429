import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into dist/ by Quinoa during the Maven build and served by query-service at /.
// In `quarkus dev`, Quinoa runs `vite` and proxies to it.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    rollupOptions: {
      output: {
        // The framework changes less often than the pages: a chunk of its own stays cached across releases.
        manualChunks: { framework: ['react', 'react-dom', '@mantine/core', '@mantine/hooks', 'oidc-client-ts'] },
      },
    },
  },
  server: { port: 5173, strictPort: true },
});
