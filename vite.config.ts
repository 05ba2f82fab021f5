import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { remixOptions } from "./remix.config.js";
import { hmrPort } from "./server/hmr-port.ts";

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
  // NOTE: server-only packages with native code must not be pre-bundled for the browser: Vite's
  // dependency scan also walks *.server.ts files, and bundling @node-rs/argon2 fails.
  // The browser's dependencies are listed up front so that one pre-bundle serves them all (a
  // dependency found late re-bundles React and breaks hooks with two copies).
  optimizeDeps: {
    include: [
      "react",
      "react-dom",
      "react-dom/client",
      "react/jsx-runtime",
      "@remix-run/react",
      "i18next",
      "react-i18next",
      "@conform-to/react",
      "@conform-to/zod",
      "zod",
      "socket.io-client",
    ],
    exclude: ["@node-rs/argon2", "better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  },
  server: { hmr: { port: hmrPort() } },
});
