import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { IqaSample, IqaSampleRow } from "../../app/port";
import type { IqaDecisionInput } from "../../app/iqa-decision";
import type { Problem, Result } from "../../domain/problems";
import { SAMPLING_PRESETS } from "../../domain/sampling";
import type { WorkbookState } from "../../workbook/port";
import type { Selection } from "../overview/useOverview";
import { problemsText } from "../shared/problemsText";
import { usePort } from "../state/PortContext";
import { knownAssessors } from "./assessors";
import { sampleStanding } from "./sampleView";
import type { StrategyField, StrategyValues } from "./strategyForm";
import { BLANK_STRATEGY, checkStrategy, presetMatching, strategyValues } from "./strategyForm";

/** Reading the sample the workbook keeps, when the tab opens. */
export type IqaLoad =
  | { readonly status: "loading" }
  | {
      readonly status: "ready";
      /** The workbook keeps a strategy (the form shows it). */
      readonly kept: boolean;
      /** Why the kept strategy or the cells could not be used, when they could not. */
      readonly problems: readonly Problem[];
    };

/** Drawing and recording the sample. */
export type Drawing =
  | { readonly status: "idle" }
  | { readonly status: "drawing" }
  | { readonly status: "drawn"; readonly message: string }
  | { readonly status: "failed"; readonly problems: readonly Problem[] };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The IQA tab's state: the strategy being edited (the workbook's, a preset's or as typed), the sample as the
 * cells hold it, drawing it, going to a row, and recording an IQA decision. `reload` reads the pane's state
 * again after a write, so the other tabs never save over what the IQA wrote.
 */
export function useIqa(state: WorkbookState, reload: () => Promise<Result<void>>) {
  const port = usePort();
  const [load, setLoad] = useState<IqaLoad>({ status: "loading" });
  const [values, setValues] = useState<StrategyValues>(BLANK_STRATEGY);
  const [presetId, setPresetId] = useState("");
  const [showErrors, setShowErrors] = useState(false);
  const [sample, setSample] = useState<IqaSample | null>(null);
  const [drawing, setDrawing] = useState<Drawing>({ status: "idle" });
  const [selection, setSelection] = useState<Selection>({ status: "idle" });
  /** Counts the writes made here, so the Decision log viewer reads the log again after each. */
  const [writes, setWrites] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    let live = true;
    void port.sample().then((kept) => {
      if (!live) return;
      if (kept.ok) {
        const keptValues = strategyValues(kept.value.strategy);
        setValues(keptValues);
        // Said when the kept strategy is a preset's exactly (the select then names it); never chosen for it.
        setPresetId(presetMatching(keptValues, SAMPLING_PRESETS)?.id ?? "");
        setSample(kept.value);
        setLoad({ status: "ready", kept: true, problems: [] });
      } else {
        const none = kept.problems.every((p) => p.code === "no-sampling-strategy");
        setLoad({ status: "ready", kept: false, problems: none ? [] : kept.problems });
      }
    });
    return () => {
      live = false;
    };
  }, [port]);

  const check = useMemo(() => checkStrategy(values), [values]);
  const assessors = useMemo(() => knownAssessors(state, values.newAssessors), [state, values.newAssessors]);
  const preset = SAMPLING_PRESETS.find((p) => p.id === presetId);
  const standing = useMemo(() => (sample ? sampleStanding(sample) : null), [sample]);

  const change = useCallback(<F extends StrategyField>(field: F, value: StrategyValues[F]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setShowErrors(true);
  }, []);

  const choosePreset = useCallback((id: string) => {
    setPresetId(id);
    const chosen = SAMPLING_PRESETS.find((p) => p.id === id);
    if (chosen) setValues(strategyValues(chosen.strategy));
  }, []);

  const afterWrite = useCallback(() => {
    setWrites((n) => n + 1);
    void reload();
  }, [reload]);

  const draw = useCallback(async () => {
    setShowErrors(true);
    if (!check.strategy) return;
    setDrawing({ status: "drawing" });
    const before = sample?.draw.sample.filter((r) => r.sampled).length ?? 0;
    const recorded = await port.recordSample(check.strategy);
    if (!recorded.ok) {
      setDrawing({ status: "failed", problems: recorded.problems });
      return;
    }
    const added = recorded.value.draw.sample.filter((r) => r.sampled).length - before;
    setSample(recorded.value);
    setLoad({ status: "ready", kept: true, problems: [] });
    setDrawing({
      status: "drawn",
      message:
        added > 0
          ? `${plural(added, "row", "rows")} drawn: each one's IQA sample cell says why. The workbook keeps this strategy.`
          : "Nothing to add: the sample already meets this strategy. The workbook keeps this strategy.",
    });
    afterWrite();
  }, [check.strategy, port, sample, afterWrite]);

  const goTo = useCallback(
    async (row: IqaSampleRow) => {
      const what = `${row.learner}'s row on the ${row.assessment} mark sheet`;
      if (!row.place) {
        setSelection({
          status: "failed",
          what,
          error: "the workbook has no such row: update the mark sheets.",
        });
        return;
      }
      const call = ++latest.current;
      setSelection({ status: "selecting", what });
      const result = await port.goTo(row.place.sheet, row.place.cell);
      if (call !== latest.current) return;
      setSelection(
        result.ok
          ? { status: "selected", what }
          : { status: "failed", what, error: problemsText(result.problems) },
      );
    },
    [port],
  );

  const decide = useCallback(
    async (input: IqaDecisionInput): Promise<Result<void>> => {
      const result = await port.recordIqaDecision(input);
      if (!result.ok) return result;
      const strategy = sample?.strategy;
      const again = await port.sample(strategy);
      if (again.ok) setSample(again.value);
      afterWrite();
      return result;
    },
    [port, sample, afterWrite],
  );

  const hasSample = (standing?.recorded.length ?? 0) > 0;
  return {
    load,
    values,
    check,
    showErrors,
    assessors,
    presets: SAMPLING_PRESETS,
    preset,
    /** The form still holds the chosen preset's strategy, unchanged. */
    presetUnchanged: preset !== undefined && presetMatching(values, [preset]) === preset,
    change,
    choosePreset,
    sample,
    standing,
    drawing,
    drawLabel: hasSample ? "Top up sample" : "Draw sample",
    draw,
    selection,
    goTo,
    decide,
    writes,
  };
}

export type IqaStore = ReturnType<typeof useIqa>;
