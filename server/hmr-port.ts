/** The dev server's HMR websocket port: PORT + 21000, so several dev servers can run side by side. */
export function hmrPort() {
  return Number(process.env.PORT || 3000) + 21_000;
}
