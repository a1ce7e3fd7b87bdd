/** Tables: columns matched by key, entries kept, user columns carried over by header. */

import type { Existing } from "./cells";
import { cellOf, isBlank } from "./cells";
import type { ColumnSpec } from "./columns";
import { isUserKey, userKey } from "./layout";
import type { Cell, ColumnPlan, ExistingTable, SheetPlan, TablePlan } from "./plan";
import type { RowSource } from "./rows";
import type { ColumnMap } from "./state";

interface BuiltTable {
  readonly table: TablePlan;
  readonly kept: number;
  readonly map: ColumnMap;
}

export function assembleTable(
  name: string,
  sheet: string,
  kind: SheetPlan["kind"],
  givenSpecs: readonly ColumnSpec[],
  rows: readonly RowSource[],
  existing: ExistingTable | undefined,
  oldMap: ColumnMap | undefined,
  assessment?: string,
): BuiltTable {
  const specs = uniqueHeaders(givenSpecs);
  const specByKey = new Map(specs.map((s) => [s.plan.key, s]));
  const specByHeader = new Map(specs.map((s) => [s.plan.header, s]));
  const oldByHeader = new Map((oldMap?.columns ?? []).map((c) => [c.header, c]));

  // Existing header → key; unknown or retired entry columns are carried over by header.
  const headerKey = new Map<string, string>();
  const carried: ColumnPlan[] = [];
  for (const header of existing?.headers ?? []) {
    const old = oldByHeader.get(header);
    const key = old?.key ?? specByHeader.get(header)?.plan.key;
    if (key !== undefined && specByKey.has(key)) {
      headerKey.set(header, key);
      continue;
    }
    if (old && (old.role === "formula" || old.role === "identity")) continue;
    const hasValues = [...(existing?.rows.values() ?? [])].some((r) => !isBlank(r.get(header)));
    if (old && old.role === "entry" && !hasValues) continue;
    const carriedKey = userKey(header);
    if (carried.some((c) => c.key === carriedKey) || specByHeader.has(header)) continue;
    headerKey.set(header, carriedKey);
    carried.push({ key: carriedKey, header, role: "entry", width: 16, wrap: true });
  }

  const columns: ColumnPlan[] = [...specs.map((s) => s.plan), ...carried];
  let kept = 0;
  const cells: Cell[][] = rows.map((row, i) => {
    const n = i + 2;
    const old = new Map<string, Existing>();
    const existingRow = existing?.rows.get(row.registration);
    if (existingRow) {
      for (const [header, value] of existingRow) {
        const key = headerKey.get(header);
        if (key !== undefined && !isBlank(value)) old.set(key, value);
      }
    }
    const out: Cell[] = specs.map((spec) => {
      if (spec.plan.role === "entry") {
        const value = old.get(spec.plan.key);
        if (value !== undefined) {
          kept++;
          return cellOf(value, spec.plan);
        }
      }
      return spec.cell(row, n);
    });
    for (const c of carried) {
      const value = old.get(c.key);
      if (value !== undefined) kept++;
      out.push(value === undefined ? null : cellOf(value, c));
    }
    return out;
  });

  const map: ColumnMap = {
    table: name,
    sheet,
    kind,
    ...(assessment ? { assessment } : {}),
    columns: columns.map((c) => ({
      key: c.key,
      header: c.header,
      role: isUserKey(c.key) ? "user" : c.role,
    })),
  };
  return { table: { name, columns, rows: cells, keys: rows.map((r) => r.registration) }, kept, map };
}

/** Table headers must be unique: a clash (a section named like a fixed column) gets " (2)". */
function uniqueHeaders(specs: readonly ColumnSpec[]): ColumnSpec[] {
  const seen = new Set<string>();
  return specs.map((s) => {
    let header = s.plan.header;
    for (let i = 2; seen.has(header.toLowerCase()); i++) header = `${s.plan.header} (${i})`;
    seen.add(header.toLowerCase());
    return header === s.plan.header ? s : { ...s, plan: { ...s.plan, header } };
  });
}
