import type { FieldChange, ImportPlan } from "./importRows.types";

/** The words of the import, in one place: counts, the commit button and what changes on a learner. */

const learners = (n: number) => `${n} ${n === 1 ? "learner" : "learners"}`;

/** "30 rows read from pasted rows: 28 ready, 2 need attention." or "…: 3 to add, 5 to update, 1 unchanged." */
export function readText(rowCount: number, source: string, plan: ImportPlan, blocking: number): string {
  const added = plan.added.length;
  const updated = plan.updated.length;
  const parts =
    updated === 0 && plan.unchanged === 0
      ? [`${added} ready`]
      : [
          ...(added > 0 ? [`${added} to add`] : []),
          ...(updated > 0 ? [`${updated} to update`] : []),
          ...(plan.unchanged > 0 ? [`${plan.unchanged} unchanged`] : []),
        ];
  if (blocking > 0) parts.push(`${blocking} ${blocking === 1 ? "needs" : "need"} attention`);
  return `${rowCount} ${rowCount === 1 ? "row" : "rows"} read from ${source}: ${parts.join(", ")}.`;
}

/** "Add 3 learners to the cohort", "Add 3 learners and update 5", "Update 5 learners". */
export function commitLabel(plan: ImportPlan): string {
  const added = plan.added.length;
  const updated = plan.updated.length;
  if (updated === 0) return `Add ${learners(added)} to the cohort`;
  if (added === 0) return `Update ${learners(updated)}`;
  return `Add ${learners(added)} and update ${updated}`;
}

/** "3 learners added to the cohort and 5 updated (1 left out)." */
export function committedText(added: number, updated: number, leftOut: number): string {
  const done =
    updated === 0
      ? `${learners(added)} added to the cohort`
      : added === 0
        ? `${learners(updated)} updated`
        : `${learners(added)} added to the cohort and ${updated} updated`;
  return `${done}${leftOut > 0 ? ` (${leftOut} left out)` : ""}.`;
}

/** "Coaching hours 12 → 15", or "Assessor added: S. Okafor" when nothing was stored. */
export function changeText(change: FieldChange): string {
  return change.from === null
    ? `${change.field} added: ${change.to}`
    : `${change.field} ${change.from} → ${change.to}`;
}
