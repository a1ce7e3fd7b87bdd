import type { CellValue, RawCellContent } from "hyperformula";
import {
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import {
  achievedAnswer,
  creditsAnswer,
  criteriaAnswer,
  deadlineAnswer,
  needsAnswer,
  referredAnswer,
  resultAnswer,
} from "../../src/functions/answers";
import { Failure } from "../../src/functions/errors";
import type { Cell, WorkbookPlan } from "../../src/workbook/plan";
import type { Value } from "./expected";

/**
 * The ILM.* functions as a HyperFormula plugin: each is the add-in's own answer function (src/functions/answers),
 * fed arguments the way Excel sends them (2-D arrays; blanks as null), and its Failure turned into an error value.
 */
type Arg = unknown;

function plain(v: unknown): unknown {
  if (v === EmptyValue || v === undefined) return null;
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(plain));
  if (typeof v === "object" && v !== null && "val" in v) return (v as { val: unknown }).val;
  return v;
}

function grid(v: unknown): unknown[][] {
  const p = plain(v);
  return Array.isArray(p) ? (p as unknown[][]) : [[p]];
}

function answer(a: unknown): string | number | boolean | CellError {
  if (a instanceof Failure)
    return new CellError(a.code === "#N/A" ? ErrorType.NA : ErrorType.VALUE, a.message);
  return a as string | number | boolean;
}

const range = { argumentType: FunctionArgumentType.RANGE };
const scalar = { argumentType: FunctionArgumentType.SCALAR };
const optionalRange = { argumentType: FunctionArgumentType.RANGE, optionalArg: true };
const optionalScalar = { argumentType: FunctionArgumentType.SCALAR, optionalArg: true };
/** ERROR.TYPE's numbers (Excel, LibreOffice and Gnumeric alike); HyperFormula has no ERROR.TYPE of its own. */
const ERROR_TYPES: Partial<Record<ErrorType, number>> = {
  [ErrorType.DIV_BY_ZERO]: 2,
  [ErrorType.VALUE]: 3,
  [ErrorType.REF]: 4,
  [ErrorType.NAME]: 5,
  [ErrorType.NUM]: 6,
  [ErrorType.NA]: 7,
};

export class IlmPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    "ILM.RESULT": {
      method: "result",
      parameters: [range, scalar, optionalScalar, optionalScalar, optionalScalar],
    },
    "ILM.REFERRED": { method: "referred", parameters: [range, scalar, optionalRange, optionalScalar] },
    "ILM.CRITERIA": { method: "criteria", parameters: [range, optionalScalar] },
    "ERROR.TYPE": { method: "errorType", parameters: [scalar] },
    "ILM.CREDITS": { method: "credits", parameters: [scalar, range, range] },
    "ILM.ACHIEVED": { method: "achieved", parameters: [scalar, range, range] },
    "ILM.NEEDS": { method: "needs", parameters: [scalar, range, range] },
    "ILM.DEADLINE": { method: "deadline", parameters: [scalar, scalar] },
  };

  private run(name: string, ast: { args: unknown[] }, state: unknown, fn: (...args: Arg[]) => unknown) {
    const self = this as unknown as {
      runFunction: (
        args: unknown[],
        state: unknown,
        metadata: unknown,
        f: (...a: unknown[]) => unknown,
      ) => unknown;
      metadata: (n: string) => unknown;
    };
    return self.runFunction(ast.args, state, self.metadata(name), (...args: unknown[]) =>
      answer(fn(...args)),
    );
  }

  result(ast: { args: unknown[] }, state: unknown) {
    return this.run("ILM.RESULT", ast, state, (marks, scheme, maxima, total, blanks) =>
      resultAnswer(grid(marks), plain(scheme), plain(maxima), plain(total), plain(blanks)),
    );
  }
  errorType(ast: { args: unknown[] }, state: unknown) {
    const self = this as unknown as {
      runFunction: (a: unknown[], s: unknown, m: unknown, f: (v: unknown) => unknown) => unknown;
      metadata: (n: string) => unknown;
    };
    return self.runFunction(ast.args, state, self.metadata("ERROR.TYPE"), (v) =>
      v instanceof CellError
        ? (ERROR_TYPES[v.type] ?? new CellError(ErrorType.NA))
        : new CellError(ErrorType.NA),
    );
  }
  referred(ast: { args: unknown[] }, state: unknown) {
    return this.run("ILM.REFERRED", ast, state, (marks, scheme, names, blanks) =>
      referredAnswer(grid(marks), plain(scheme), names === undefined ? null : grid(names), plain(blanks)),
    );
  }
  criteria(ast: { args: unknown[] }, state: unknown) {
    return this.run("ILM.CRITERIA", ast, state, (results, blanks) =>
      criteriaAnswer(grid(results), plain(blanks)),
    );
  }
  credits(ast: { args: unknown[] }, state: unknown) {
    return this.run("ILM.CREDITS", ast, state, (q, u, o) => creditsAnswer(plain(q), grid(u), grid(o)));
  }
  achieved(ast: { args: unknown[] }, state: unknown) {
    return this.run("ILM.ACHIEVED", ast, state, (q, u, o) => achievedAnswer(plain(q), grid(u), grid(o)));
  }
  needs(ast: { args: unknown[] }, state: unknown) {
    return this.run("ILM.NEEDS", ast, state, (q, u, o) => needsAnswer(plain(q), grid(u), grid(o)));
  }
  deadline(ast: { args: unknown[] }, state: unknown) {
    return this.run("ILM.DEADLINE", ast, state, (q, r) => deadlineAnswer(plain(q), plain(r)));
  }
}

let registered = false;
export function registerIlm(): void {
  if (registered) return;
  const names = Object.keys(IlmPlugin.implementedFunctions);
  const translations = Object.fromEntries(names.map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(IlmPlugin, { enGB: translations, enUS: translations });
  registered = true;
}

function raw(cell: Cell): RawCellContent {
  if (cell === null) return null;
  if (cell.t === "formula") return `=${cell.f}`;
  // A leading apostrophe keeps text as text ("=SUM(A1)" as a name).
  return cell.t === "text" ? `'${cell.v}` : cell.v;
}

function value(v: CellValue): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === "object")
    return `#ERROR ${(v as { value?: string }).value ?? ""} ${(v as { message?: string }).message ?? ""}`;
  return v;
}

/** Evaluates a plan in HyperFormula (ILM functions registered); the values of every sheet, by name. */
export function evaluateInHyperFormula(plan: WorkbookPlan): Map<string, Value[][]> {
  registerIlm();
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const s of plan.sheets) {
    // Every table of the sheet at its origin (the Dashboard has several).
    const grid: RawCellContent[][] = [];
    const put = (r: number, c: number, v: RawCellContent) => {
      while (grid.length <= r) grid.push([]);
      const row = grid[r] as RawCellContent[];
      while (row.length <= c) row.push(null);
      row[c] = v;
    };
    for (const t of [s.table, ...(s.moreTables ?? [])]) {
      const o = t.origin ?? { row: 0, column: 0 };
      t.columns.forEach((c, i) => put(o.row, o.column + i, `'${c.header}`));
      t.rows.forEach((row, r) => row.forEach((cell, c) => put(o.row + 1 + r, o.column + c, raw(cell))));
    }
    sheets[s.name] = grid;
  }
  // HyperFormula knows TRUE and FALSE as the functions TRUE() and FALSE() only; Excel, LibreOffice and Gnumeric
  // also take them as constants, as the generated formulas do.
  const hf = HyperFormula.buildFromSheets(
    sheets,
    { licenseKey: "gpl-v3", useColumnIndex: true, useArrayArithmetic: true },
    [
      { name: "TRUE", expression: "=TRUE()" },
      { name: "FALSE", expression: "=FALSE()" },
    ],
  );
  const out = new Map<string, Value[][]>();
  for (const s of plan.sheets) {
    const id = hf.getSheetId(s.name) as number;
    out.set(
      s.name,
      hf.getSheetValues(id).map((row) => row.map(value)),
    );
  }
  hf.destroy();
  return out;
}
