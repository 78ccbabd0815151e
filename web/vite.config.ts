/// <reference types="vitest" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The UI is served by `reghub serve` from web/dist; during `npm run dev` the
// API is proxied to a hub on REGHUB_DEV_API (default 127.0.0.1:8080).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: process.env.REGHUB_WEB_OUT ?? "dist",
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { "/api": `http://${process.env.REGHUB_DEV_API ?? "127.0.0.1:8080"}` },
  },
  test: {
    environment: "jsdom",
    globals: true,
    include: ["tests/**/*.test.tsx", "tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    // Generous: CTest runs these beside the C++ suites on a shared 2-core machine.
    testTimeout: 30000,
  },
});
