// Vite builds the webview's assets into ui/dist, which src-tauri embeds (tauri.conf.json `frontendDist`).
// The app's CSP is `script-src 'self'`: the build must not emit inline scripts, and nothing may load
// from another origin (no CDN, no web fonts). `cspSafeOutput` fails the build if either slips in.
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

function cspSafeOutput(): Plugin {
  return {
    name: 'switchboard:csp-safe-output',
    apply: 'build',
    enforce: 'post',
    writeBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset') continue;
        const text = typeof file.source === 'string' ? file.source : new TextDecoder().decode(file.source);
        if (file.fileName.endsWith('.html')) {
          if (/<script\b(?![^>]*\bsrc=)[^>]*>/iu.test(text)) {
            this.error(`${file.fileName} has an inline <script>, which the app's CSP (script-src 'self') blocks.`);
          }
          if (/\b(?:src|href)=["']?(?:https?:)?\/\//iu.test(text)) {
            this.error(`${file.fileName} loads something from another origin; bundle it instead.`);
          }
        }
        if (file.fileName.endsWith('.css') && /(?:url\(|@import)\s*["']?(?:https?:)?\/\//iu.test(text)) {
          this.error(`${file.fileName} loads something from another origin (a web font or CDN?); bundle it instead.`);
        }
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), cspSafeOutput()],
  // Tauri prints its own output; keep Vite's errors visible.
  clearScreen: false,
  // tauri.conf.json `devUrl` is http://localhost:5173; let Vite bind "localhost" the way the OS resolves it.
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK (Debian 12) / WebView2 / recent WKWebView.
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
