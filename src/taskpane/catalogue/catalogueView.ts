import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Assessment, Qualification, Unit } from "../../domain/catalogue/schema";

/** What the browser shows for one qualification: its units and the mark schemes that cover them. */
export interface QualificationView {
  readonly qualification: Qualification;
  readonly origin: string;
  readonly units: readonly Unit[];
  readonly assessments: readonly Assessment[];
  /** Units marked directly (no mark scheme in the catalogue). */
  readonly unmarked: readonly string[];
}

export function qualificationViews(catalogue: Catalogue): QualificationView[] {
  return [...catalogue.qualifications.values()].map((q) => {
    const units = q.units.map((id) => catalogue.units.get(id)).filter((u) => u !== undefined);
    const assessments = new Map<string, Assessment>();
    const unmarked: string[] = [];
    for (const u of q.units) {
      const covering = catalogue.assessmentsForUnit.get(u) ?? [];
      if (covering.length === 0) unmarked.push(u);
      for (const a of covering) assessments.set(a.id, a);
    }
    return {
      qualification: q,
      origin: catalogue.origin.get(`qualification:${q.id}`) ?? "",
      units,
      assessments: [...assessments.values()],
      unmarked,
    };
  });
}

/** "3 years", "18 months", or the plain statement that the specification gives none. */
export function durationText(months: number | null): string {
  if (months === null) return "not stated";
  return months % 12 === 0 ? `${months / 12} ${months === 12 ? "year" : "years"}` : `${months} months`;
}

export function hoursText(hours: number | null): string {
  return hours === null ? "not stated" : `${hours} h`;
}
