/**
 * The IQA sampling strategy a workbook's settings keep: read back and checked, never trusted as stored.
 */

import type { Result } from "../domain/problems";
import type { SamplingStrategy } from "../domain/sampling/strategy";
import { parseStrategy } from "../domain/sampling/strategy";
import type { Settings } from "./settings";

/** Where a stored strategy's problems are said to be. */
export const STORED_STRATEGY = "the workbook's sampling strategy";

/**
 * The strategy the settings keep: null when none is set, its problems when it cannot be used (written by a later
 * version, or edited by hand).
 */
export function storedStrategy(settings: Settings): Result<SamplingStrategy> | null {
  return settings.sampling === undefined ? null : parseStrategy(settings.sampling.strategy, STORED_STRATEGY);
}

/**
 * The mark tolerance the mark sheets' Disagreement column uses: the stored strategy's, else 0 (no strategy yet, or
 * one that cannot be used: any difference between the IQA's and the assessor's marks is then a disagreement).
 * @example toleranceOf({ ...settings, sampling: { strategy: { ...strategy, markTolerance: 2 } } }) // 2
 * @example toleranceOf(settingsWithoutStrategy) // 0
 */
export function toleranceOf(settings: Settings): number {
  const strategy = storedStrategy(settings);
  return strategy?.ok ? strategy.value.markTolerance : 0;
}
