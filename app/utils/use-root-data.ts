import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "#app/root.tsx";

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}
