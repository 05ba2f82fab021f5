// The home of Voices' Remix options. The Remix Vite plugin ignores this file on its own;
// vite.config.ts imports it. See docs/decisions/001-stack.md.

/** @type {import('@remix-run/dev').VitePluginConfig} */
export const remixOptions = {
  appDirectory: "app",
  buildDirectory: "build",
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    v3_routeConfig: true,
  },
};

export default remixOptions;
