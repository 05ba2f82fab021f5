import type { ReactNode } from "react";

/**
 * A table that scrolls sideways on a phone: a labelled region, focusable so that it can be scrolled
 * with the keyboard (axe: scrollable-region-focusable). `labelledBy` is the id of the table's
 * caption or of the heading above it.
 */
export function ScrollRegion({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
