/**
 * Cells: values read back from the workbook, and the cohort's values written as cells (text stays text, numbers
 * and dates as the engine reads them).
 */

import { parseIsoDate, toSerial } from "../domain/engine/dates";
import type { Cell, ColumnPlan } from "./plan";
import { FORMATS } from "./styles";

/** A value as the workbook holds it. */
export type Existing = string | number | boolean | null;

/** A value read from the workbook, written back as it was typed (text stays text). */
export function cellOf(value: Existing, column: ColumnPlan): Cell {
  if (value === null) return null;
  if (typeof value === "boolean") return { t: "bool", v: value };
  if (typeof value === "number")
    return column.numberFormat === FORMATS.date ? { t: "date", v: value } : { t: "number", v: value };
  return { t: "text", v: value };
}

export function isBlank(value: Existing | undefined): boolean {
  return value === null || value === undefined || value === "";
}

export function textOf(value: Existing | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

export const text = (v: string | undefined | null): Cell =>
  v === undefined || v === null || v === "" ? null : { t: "text", v };

export function dateCell(iso: string | null | undefined): Cell {
  if (!iso) return null;
  const d = parseIsoDate(iso);
  return d ? { t: "date", v: toSerial(d) } : { t: "text", v: iso };
}

export function numberCell(n: number | undefined): Cell {
  return n === undefined ? null : { t: "number", v: n };
}

/** A section mark from the cohort: numbers (and numeric text, as the engine reads it) as numbers. */
export function markCell(value: string | number | null | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return { t: "number", v: value };
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const n = Number(trimmed);
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed) && Number.isFinite(n)) return { t: "number", v: n };
  return { t: "text", v: value };
}

/** A criterion result from the cohort: "P"/"R" as the engine reads them (any case, trimmed); anything else as typed. */
export function criterionCell(value: string | null | undefined): Cell {
  if (value === null || value === undefined) return null;
  const t = value.trim().toUpperCase();
  if (t === "") return null;
  return t === "P" || t === "R" ? { t: "text", v: t } : { t: "text", v: value };
}
