import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { remixOptions } from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [remix(remixOptions)],
  build: {
    // Supported browsers (docs/decisions/001-stack.md) all run ES2022, top-level await included.
    target: "es2022",
    sourcemap: false,
    // For bench/page-weight.ts; Remix moves it to build/.vite/, outside the public folder.
    manifest: true,
  },
  server: { hmr: { port: 24679 } },
});
