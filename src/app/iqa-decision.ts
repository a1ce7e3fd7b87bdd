/**
 * Recording an IQA's decision on one sampled mark-sheet row (the task pane's IQA tab): the row's IQA decision, IQA
 * action, Action due and Action closed cells, and nothing else of the workbook's entries.
 */

import type { AssessmentEntry } from "../domain/cohort/schema";
import type { Problem, Result } from "../domain/problems";
import type { WorkbookContents } from "../workbook/contents";
import type { DecodedWorkbook } from "../workbook/decode";
import { cellAddress, workbookProblem } from "../workbook/decode";
import { IQA_DECISIONS } from "../workbook/layout";
import { registrationKey } from "../workbook/registration";
import type { Generated, GenerateRequest } from "./generate";
import { generate } from "./generate";
import { openWorkbook } from "./open";

export type IqaDecision = (typeof IQA_DECISIONS)[number];

/** What an IQA decides about one row: the decision, and for Action required what to do and by when. */
export interface IqaDecisionInput {
  readonly registration: string;
  /** The assessment's catalogue id ("D5.01"). */
  readonly assessment: string;
  readonly decision: IqaDecision;
  /** What the assessor is to do (needed with Action required). */
  readonly action?: string;
  /** YYYY-MM-DD. */
  readonly due?: string;
  /** YYYY-MM-DD: when the action was done. */
  readonly closed?: string;
}

export interface IqaDecisionRequest extends IqaDecisionInput {
  readonly contents: WorkbookContents;
  /** Names the workbook in messages. */
  readonly what: string;
  readonly recording: NonNullable<GenerateRequest["recording"]>;
  readonly protectionPassword?: string;
}

/** Where a learner's row on an assessment's mark sheet is: its tab, and the address of each of its cells. */
export interface MarkSheetRow {
  readonly sheet: string;
  /** A1 address of the row's cell in a column (by column key); null when the table has no such column. */
  readonly cell: (key: string) => string | null;
}

/** A learner's row on an assessment's mark sheet, wherever it is now; null when there is no such tab or row. */
export function markSheetRow(
  decoded: DecodedWorkbook,
  registration: string,
  assessment: string,
): MarkSheetRow | null {
  const table = [...decoded.tables.values()].find(
    (t) => t.kind === "marksheet" && t.assessment === assessment,
  );
  if (!table) return null;
  const key = registrationKey(registration);
  const index = table.rows.findIndex((r) => r !== null && registrationKey(r.registration) === key);
  if (index < 0) return null;
  const row = table.area.row + 1 + index;
  return {
    sheet: table.sheet,
    cell: (column) => {
      const located = table.columns.find((c) => c.key === column);
      return located ? cellAddress(row, table.area.column + located.offset) : null;
    },
  };
}

/**
 * Writes an IQA's decision into one mark-sheet row: the IQA decision cell, and the IQA action, Action due and Action
 * closed cells given (those not given keep what they hold). Refused, with nothing written, when the workbook has no
 * row for that learner on that assessment's mark sheet, or Action required says no action.
 */
export function recordIqaDecision(request: IqaDecisionRequest): Result<Generated> {
  const opened = openWorkbook(request.contents, request.what);
  if (!opened.ok) return opened;
  const { cohort, decoded } = opened.value;
  const registration = request.registration.trim();
  const learner = cohort.learners.find(
    (l) => registrationKey(l.registration) === registrationKey(registration),
  );
  const row = learner ? markSheetRow(decoded, registration, request.assessment) : null;
  if (!learner || !row)
    return { ok: false, problems: [noRow(request.what, registration, request.assessment)] };
  if (!IQA_DECISIONS.includes(request.decision))
    return refused("iqa-decision", `The IQA decision must be ${IQA_DECISIONS.join(" or ")}.`, registration);
  const action = request.action?.trim();
  if (request.decision === "Action required" && !action)
    return refused(
      "iqa-action-missing",
      `Say what the assessor is to do: Action required needs the IQA action for ${registration} on ${request.assessment}.`,
      registration,
    );
  const entry: AssessmentEntry = {
    iqaDecision: request.decision,
    ...(action ? { iqaAction: action } : {}),
    ...(request.due ? { actionDue: request.due } : {}),
    ...(request.closed ? { actionClosed: request.closed } : {}),
  };
  return generate({
    contents: request.contents,
    what: request.what,
    file: { ...cohort, learners: [{ ...learner, assessments: { [request.assessment]: entry } }] },
    partial: true,
    prefer: "file",
    recording: request.recording,
    ...(request.protectionPassword ? { protectionPassword: request.protectionPassword } : {}),
  });
}

function refused(code: string, message: string, registration: string): Result<never> {
  return { ok: false, problems: [{ code, path: [], message, registration }] };
}

function noRow(what: string, registration: string, assessment: string): Problem {
  return {
    ...workbookProblem(
      "row-missing",
      `${what} has no row for ${registration} on the mark sheet of ${assessment}: nothing was written. Check the registration number, or generate or update the mark sheets (Workbook tab), then try again.`,
      undefined,
    ),
    registration,
  };
}
