/** Something a centre catalogue file defines that learners in the cohort rely on. */
export interface CatalogueUse {
  readonly kind: "qualification" | "assessment";
  readonly id: string;
  readonly title: string;
  /** The registration numbers of the learners who rely on it, in cohort order. */
  readonly registrations: readonly string[];
}
