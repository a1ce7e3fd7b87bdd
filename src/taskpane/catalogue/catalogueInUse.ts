import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Learner } from "../../domain/cohort/schema";
import type { CatalogueUse } from "./catalogueInUse.types";

/** How many registration numbers a message names before it says "and N more". */
const NAMED = 5;

/**
 * What the centre catalogue file `source` defines that learners in the cohort use: the qualification they take,
 * or a mark scheme that covers a unit of their qualification (or holds their marks). Withdrawn learners count:
 * they stay in the cohort. Removing a file with any use would leave those learners with an unknown qualification
 * or without the mark sheet their marks are typed in.
 */
export function catalogueInUse(
  catalogue: Catalogue,
  source: string,
  learners: readonly Learner[],
): CatalogueUse[] {
  const fromFile = (kind: CatalogueUse["kind"], id: string) =>
    catalogue.origin.get(`${kind}:${id}`) === source;
  const uses = new Map<
    string,
    { kind: CatalogueUse["kind"]; id: string; title: string; registrations: string[] }
  >();
  const record = (kind: CatalogueUse["kind"], id: string, title: string, registration: string) => {
    const key = `${kind}:${id}`;
    const entry = uses.get(key) ?? { kind, id, title, registrations: [] };
    if (!entry.registrations.includes(registration)) entry.registrations.push(registration);
    uses.set(key, entry);
  };

  for (const learner of learners) {
    const qualification = catalogue.qualifications.get(learner.qualification);
    if (qualification === undefined) continue;
    if (fromFile("qualification", qualification.id)) {
      record("qualification", qualification.id, qualification.title, learner.registration);
      continue;
    }
    const units = new Set(qualification.units);
    const assessments = [...catalogue.assessments.values()].filter(
      (a) =>
        fromFile("assessment", a.id) &&
        (a.units.some((u) => units.has(u)) || learner.assessments?.[a.id] !== undefined),
    );
    for (const a of assessments) record("assessment", a.id, a.title, learner.registration);
  }
  return [...uses.values()];
}

/** "NF-001, NF-002 and NF-003", or the first five "and 4 more". */
export function registrationsText(registrations: readonly string[]): string {
  if (registrations.length <= 1) return registrations.join("");
  if (registrations.length <= NAMED) {
    return `${registrations.slice(0, -1).join(", ")} and ${registrations.at(-1) as string}`;
  }
  return `${registrations.slice(0, NAMED).join(", ")} and ${registrations.length - NAMED} more`;
}

/** "The qualification 600/0000/1 Centre Award is taken by NF-001 and NF-002." */
export function inUseText(use: CatalogueUse): string {
  const who = registrationsText(use.registrations);
  const count = use.registrations.length;
  const learners = `${count} ${count === 1 ? "learner" : "learners"}`;
  return use.kind === "qualification"
    ? `The qualification ${use.id} ${use.title} is taken by ${learners}: ${who}.`
    : `The mark scheme ${use.id} ${use.title} is used by ${learners}: ${who}.`;
}
