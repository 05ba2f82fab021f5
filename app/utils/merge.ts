// A three-way merge of what a form started from (base), what its user sent (mine) and what is stored
// now (theirs), for a save refused because someone else saved in between. Where only one side
// changed a value, that side's value is taken; where both changed it differently, mine is kept and
// the place is named in `clashes`. Lists are merged item by item only while all three have the
// same length; otherwise the list as a whole is one value.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Empty texts, nulls and empty lists or objects mean "nothing here" in a form: drop them. */
export function comparable(value: unknown): Json | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (Array.isArray(value)) {
    const items = value.map(comparable).map((v) => (v === undefined ? null : v));
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
      const c = comparable(v);
      return c === undefined ? [] : [[k, c] as const];
    });
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const isRecord = (v: Json | undefined): v is { [key: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

function mergeValues(base: Json | undefined, mine: Json | undefined, theirs: Json | undefined, path: string, clashes: string[]): Json | undefined {
  if (same(mine, base)) return theirs;
  if (same(theirs, base) || same(mine, theirs)) return mine;
  if (Array.isArray(base) && Array.isArray(mine) && Array.isArray(theirs) && base.length === mine.length && base.length === theirs.length) {
    return base.map((b, i) => mergeValues(b, mine[i], theirs[i], `${path}[${i}]`, clashes) ?? null);
  }
  if ((isRecord(base) || base === undefined) && isRecord(mine) && isRecord(theirs)) {
    const b = base ?? {};
    const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs), ...Object.keys(b)])];
    const entries = keys.flatMap((k) => {
      const v = mergeValues(b[k], mine[k], theirs[k], path ? `${path}.${k}` : k, clashes);
      return v === undefined ? [] : [[k, v] as const];
    });
    return Object.fromEntries(entries);
  }
  clashes.push(path);
  return mine;
}

export function merge3<T>(base: unknown, mine: T, theirs: unknown): { value: T; clashes: string[] } {
  const clashes: string[] = [];
  const value = mergeValues(comparable(base), comparable(mine), comparable(theirs), "", clashes);
  return { value: (value ?? {}) as T, clashes };
}
