import type { Problem } from "../../domain/problems";
import { formatProblem } from "../../domain/problems";

/**
 * Problems as the pane shows them in a message bar: each one's sentence, with its place where it has one (a tab
 * and cell, a file and path). The first few; how many more there are.
 */
export function problemsText(problems: readonly Problem[], shown = 3): string {
  const text = (p: Problem) =>
    p.path.length === 0 && p.place === undefined && p.source === undefined ? p.message : formatProblem(p);
  const more = problems.length > shown ? ` (and ${problems.length - shown} more)` : "";
  return problems.slice(0, shown).map(text).join(" ") + more;
}
