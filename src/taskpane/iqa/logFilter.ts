import type { LogEntry } from "../../domain/decisions/log";

export interface LogFilter {
  /** Matched, ignoring case, in the registration number, the learner's name and what (the assessment or unit). */
  readonly text: string;
  /** A field ("Outcome"), or "" for every field. */
  readonly field: string;
}

/**
 * The Decision log's rows that match the filter, newest first (rows recorded in the same minute: the later row
 * first, as the log lists them).
 * @example filterLog(entries, { text: "nf-002", field: "Outcome" }) // NF-002's outcome changes, newest first
 */
export function filterLog(entries: readonly LogEntry[], filter: LogFilter): LogEntry[] {
  const text = filter.text.trim().toLowerCase();
  const matches = (e: LogEntry) =>
    (filter.field === "" || e.field === filter.field) &&
    (text === "" || [e.registration, e.learner, e.what].some((v) => v.toLowerCase().includes(text)));
  return entries
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => matches(entry))
    .sort((a, b) => (a.entry.when < b.entry.when ? 1 : a.entry.when > b.entry.when ? -1 : b.index - a.index))
    .map(({ entry }) => entry);
}

/** The fields the log holds rows for, in the order first seen. */
export function logFields(entries: readonly LogEntry[]): string[] {
  return [...new Set(entries.map((e) => e.field))];
}
