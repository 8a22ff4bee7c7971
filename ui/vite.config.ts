// Vite builds the webview's assets into ui/dist, which src-tauri embeds (tauri.conf.json `frontendDist`).
// The app's CSP is `script-src 'self'`: the build must not emit inline scripts, and nothing may load
// from another origin (no CDN, no web fonts).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  // Tauri prints its own output; keep Vite's errors visible.
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    host: '127.0.0.1',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK 2.40+ (Debian 12) / WebView2 / recent WKWebView.
    target: ['es2022', 'safari16'],
    // Inlined assets would become data: URLs; keep everything as files under 'self'.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    restoreMocks: true,
  },
});
