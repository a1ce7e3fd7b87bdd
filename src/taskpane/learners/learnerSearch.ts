import type { Learner } from "../../domain/cohort/schema";

export type LearnerFilter = "all" | "active" | "withdrawn";

/** True when the learner matches the search (registration number or name, any capitals) and the filter. */
export function shows(learner: Learner, search: string, filter: LearnerFilter): boolean {
  if (filter === "active" && learner.withdrawn === true) return false;
  if (filter === "withdrawn" && learner.withdrawn !== true) return false;
  const words = search.trim().toLocaleLowerCase("en-GB");
  if (words === "") return true;
  return (
    learner.registration.toLocaleLowerCase("en-GB").includes(words) ||
    learner.name.toLocaleLowerCase("en-GB").includes(words)
  );
}
