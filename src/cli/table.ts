import { visible } from "./terminal";

/** Plain-text tables for the terminal: left-aligned columns, two spaces apart, a rule under the header. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [header, ...rows].map((r) => r.map(oneLine));
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  const [head, ...body] = cells as string[][];
  return [line(head ?? []), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n") + "\n";
}

/**
 * Text from a file shown on one line: line breaks and tabs become spaces; control and bidirectional characters are
 * shown as `<U+202E>` (see terminal.ts), so that column widths count what the terminal shows.
 */
export function oneLine(text: string): string {
  return visible(text.replace(/[\t\r\n\u2028\u2029]+/g, " "));
}
