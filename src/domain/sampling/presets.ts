import type { SamplingStrategy } from "./strategy";
import { SAMPLING_FORMAT } from "./strategy";

/**
 * Complete strategies a centre may choose from, each labelled with where its figures come from. A preset is only
 * ever used when a centre picks it (and usually names its new assessors in it): ilm never samples by one silently.
 */
export interface SamplingPreset {
  /** Stable id ("ilm-older-10-percent"). */
  readonly id: string;
  /** What a person picks from: says where the figures come from. */
  readonly label: string;
  /** What it samples and why, in a sentence or two. */
  readonly description: string;
  readonly strategy: SamplingStrategy;
}

export const SAMPLING_PRESETS: readonly SamplingPreset[] = [
  {
    id: "ilm-older-10-percent",
    label: "ILM's older 10% minimum for lowest-risk centres",
    description:
      "ILM's older IQA requirements set a 10% minimum sample for its lowest-risk centres; the ILM specifications " +
      "this product follows state no figure. The other values are ilm's suggestions, not ILM's: one decision of " +
      "each assessor on each assessment, every referral, every decision of a new assessor, any difference in a " +
      "section mark a disagreement.",
    strategy: {
      format: SAMPLING_FORMAT,
      name: "ILM's older 10% minimum for lowest-risk centres",
      stage: "summative",
      minimumPercent: 10,
      perAssessorAssessment: 1,
      newAssessors: [],
      newAssessorPercent: 100,
      referrals: "all",
      markTolerance: 0,
    },
  },
  {
    id: "higher-risk-25-percent",
    label: "Higher risk (ilm's suggestion, not an ILM figure): 25%, two per assessment",
    description:
      "For a new programme, a new site or known issues: a quarter of each assessor's decisions, two on each " +
      "assessment, every referral and every decision of a new assessor. These figures are ilm's suggestion; " +
      "agree them with your EQA.",
    strategy: {
      format: SAMPLING_FORMAT,
      name: "Higher risk: 25%, two per assessment",
      stage: "summative",
      minimumPercent: 25,
      perAssessorAssessment: 2,
      newAssessors: [],
      newAssessorPercent: 100,
      referrals: "all",
      markTolerance: 0,
    },
  },
  {
    id: "interim-one-per-assessment",
    label: "Interim check (ilm's suggestion, not an ILM figure): one per assessor and assessment",
    description:
      "Work in progress, decided or not: one row of each assessor on each assessment, half of a new assessor's, " +
      "so that problems show before decisions are made. These figures are ilm's suggestion.",
    strategy: {
      format: SAMPLING_FORMAT,
      name: "Interim check: one per assessor and assessment",
      stage: "interim",
      minimumPercent: 0,
      perAssessorAssessment: 1,
      newAssessors: [],
      newAssessorPercent: 50,
      referrals: "none",
      markTolerance: 0,
    },
  },
];
