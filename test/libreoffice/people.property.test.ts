/**
 * Regeneration never loses or misplaces an entry, through real files. The property of
 * test/workbook/regenerate.property.test.ts (same actions, same expectations), but every edit is made by a real
 * LibreOffice on the .xlsx ilm wrote and saved by it, and every regeneration is `ilm workbook` on that file.
 *
 * How each action is made in LibreOffice (test/libreoffice/person.ts), the cell or column picked from what the
 * current file decodes to:
 * - type / clear: `type` / `clear` by tab, header and registration, in an entry column of a mark sheet or in a
 *   user column (never the Learners tab's roster columns, which a cohort file rightly overwrites). A locked cell
 *   (a user column LibreOffice inserted) is typed after `unprotectSheet`, as a person must.
 * - sort: `unprotectSheet`, then Data > Sort on the table by a column's header, ascending or descending.
 * - moveColumn: `unprotectSheet`, then cut the column and insert it before another column of the table.
 *   LibreOffice cannot put a cut column after a table's last column and keep it in the table, so a move to the
 *   last place goes before the last column instead.
 * - insertColumnLeft: `unprotectSheet`, then a whole sheet column inserted at A.
 * - userColumn: `unprotectSheet`, then a sheet column inserted inside the table (LibreOffice does not grow a
 *   table by typing beside it, as Excel does), with a header and a value for every learner.
 * - userTab: a new last tab with a value, a native chart over it and a note.
 * - convertToRange: the table's definition removed, the cells kept.
 * - renameHeader: `unprotectSheet`, then an entry column's header typed over: ilm must refuse.
 * - duplicateRow: `unprotectSheet`, then a learner's row copied either inside the table (Insert Rows Below, the
 *   table grows: ilm must refuse) or into the row just below it (outside the table: ilm keeps it as a person's
 *   cells, and may refuse to grow the table over it, or to take a converted range back with it). Rows inserted
 *   below a table's last row are not the table's in LibreOffice, so a copy of the last row "inside" is a copy
 *   below the table.
 * - roster: `ilm workbook roster.json` with a roster-only cohort file (no assessments, as a registration
 *   system's CSV gives them): some learners left out, some new ones.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import { ilmIn } from "../cli/helpers";
import type { Cohort, Learner } from "../../src/domain";
import { isFormulaValue, valueOf } from "../../src/workbook/contents";
import type { WorkbookContents } from "../../src/workbook/contents";
import { decodeWorkbook } from "../../src/workbook/decode";
import type { DecodedWorkbook, LocatedTable } from "../../src/workbook/decode";
import { userKey } from "../../src/workbook/layout";
import { readXlsxContents } from "../../src/xlsx/read-contents";
import { generateCohort } from "../workbook/generate";
import { type Action, Expectations, type Place, actionArb } from "../workbook/people";
import { findUnoPython, type PersonEdit, type PersonSession, startPerson } from "./person";
import { findSoffice } from "./recalc";
import { describeWhenInstalled } from "../xlsx/helpers";

const soffice = findSoffice();
const python = findUnoPython();
const maybe = describeWhenInstalled(
  { "LibreOffice (soffice)": soffice, "python3-uno": python },
  "the regeneration property through LibreOffice",
);

/** After the first failure, shrinking goes on for this long at most (each try drives LibreOffice). */
const SHRINK_MILLIS = 6 * 60_000;

/** New learners for a roster change, numbered so they never clash with the cohort's. */
function freshLearners(seed: number): (n: number) => Learner[] {
  let next = 0;
  return (n) =>
    generateCohort(n, seed + next + 1).learners.map((l) => ({ ...l, registration: `NEW-${seed}-${next++}` }));
}

/** A learner as a roster (a CSV export from a registration system) gives them: no entries. */
function rosterOnly(l: Learner): Learner {
  const rest: Learner = { ...l };
  delete (rest as { assessments?: unknown }).assessments;
  delete (rest as { units?: unknown }).units;
  return rest;
}

function at<T>(items: readonly T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

/** A user tab: its name, the value in A1 and the text of its note. */
interface UserTab {
  readonly name: string;
  readonly value: string;
  readonly note: string;
}

/** What one run of the property knows besides the expected values. */
interface World {
  readonly expected: Expectations;
  roster: Cohort;
  readonly fresh: (n: number) => Learner[];
  userTabs: UserTab[];
  /** Rows a person copied below a table (by table name), the nearest first: the expected values each holds. */
  strays: Map<string, (string | number)[][]>;
}

function snapshot(w: World): () => void {
  const values = new Map(w.expected.values);
  const { roster, userTabs, strays } = w;
  const straysCopy = new Map(strays);
  return () => {
    w.expected.values.clear();
    for (const [k, v] of values) w.expected.values.set(k, v);
    w.roster = roster;
    w.userTabs = [...userTabs];
    w.strays = straysCopy;
  };
}

/** What an action does in LibreOffice, and what ilm must do with the result. */
interface Step {
  readonly edits: readonly PersonEdit[];
  /** The roster-only cohort file to regenerate from (a roster change). */
  readonly file?: Cohort;
  /** ilm must refuse, saying this. */
  readonly mustRefuse?: RegExp;
  /** ilm may refuse, saying this (cells a person copied below a table). */
  readonly mayRefuse?: RegExp;
}

function decoded(contents: WorkbookContents): DecodedWorkbook {
  const d = decodeWorkbook(contents);
  if (!d.ok || !d.value) throw new Error(`the workbook cannot be decoded: ${JSON.stringify(d)}`);
  return d.value;
}

/** ilm's tables on visible tabs, in tab order. */
function visibleTables(d: DecodedWorkbook): LocatedTable[] {
  const tables = [...d.tables.values()];
  return d.contents.sheets
    .filter((s) => s.visibility === "visible")
    .flatMap((s) =>
      tables.filter(
        (t) =>
          t.sheet === s.name &&
          t.kind !== "state" &&
          t.kind !== "dashboard" &&
          t.kind !== "feedback" &&
          t.kind !== "iqaplan" &&
          t.kind !== "log" &&
          t.kind !== "legend",
      ),
    );
}

/** The cells a person may type into: entry columns of mark sheets, and user columns of mark sheets and Learners. */
function typable(
  d: DecodedWorkbook,
): { place: Place; edit: { tab: string; header: string; registration: string } }[] {
  const out: { place: Place; edit: { tab: string; header: string; registration: string } }[] = [];
  for (const t of visibleTables(d)) {
    if (t.kind !== "marksheet" && t.kind !== "learners") continue;
    for (const c of t.columns) {
      if (!(c.role === "user" || (t.kind === "marksheet" && c.role === "entry")) || c.header === "") continue;
      for (const r of t.rows) {
        if (!r) continue;
        out.push({
          place: { table: t.name, registration: r.registration, key: c.key },
          edit: { tab: t.sheet, header: c.header, registration: r.registration },
        });
      }
    }
  }
  return out;
}

const unprotect = (tab: string): PersonEdit => ({ op: "unprotectSheet", tab });

/** The edits a person makes for an action on the workbook as it is now; updates what the world expects. */
function plan(action: Action, d: DecodedWorkbook, w: World): Step {
  const tables = visibleTables(d);
  const headers = (t: LocatedTable) => t.columns.filter((c) => c.header !== "");
  switch (action.kind) {
    case "type": {
      const cell = at(typable(d), action.pick);
      if (!cell) return { edits: [] };
      const value = w.expected.next(action.numeric);
      w.expected.set(cell.place, value);
      return { edits: [{ op: "type", ...cell.edit, value }] };
    }
    case "clear": {
      const cell = at(typable(d), action.pick);
      if (!cell) return { edits: [] };
      w.expected.set(cell.place, null);
      return { edits: [{ op: "clear", ...cell.edit }] };
    }
    case "sort": {
      const t = at(tables, action.pick);
      const by = t ? at(headers(t), action.by) : undefined;
      if (!t || !by) return { edits: [] };
      return {
        edits: [
          unprotect(t.sheet),
          {
            op: "sort",
            tab: t.sheet,
            header: by.header,
            order: action.descending ? "descending" : "ascending",
          },
        ],
      };
    }
    case "moveColumn": {
      const t = at(tables, action.pick);
      if (!t) return { edits: [] };
      const columns = headers(t);
      const n = columns.length;
      const from = action.from % n;
      const moved = columns[from];
      const to = action.to % n;
      // Moving left, the column lands where `to` was; moving right, it goes before the column after `to`
      // (before the last column when `to` is the last: LibreOffice cannot insert after a table's edge).
      const before = to < from ? columns[to] : columns[Math.min(to + 1, n - 1)];
      if (!moved || !before || from === to) return { edits: [] };
      return {
        edits: [
          unprotect(t.sheet),
          { op: "moveColumn", tab: t.sheet, header: moved.header, before: before.header },
        ],
      };
    }
    case "insertColumnLeft": {
      const t = at(tables, action.pick);
      if (!t) return { edits: [] };
      return { edits: [unprotect(t.sheet), { op: "insertColumnLeft", tab: t.sheet }] };
    }
    case "userColumn": {
      const t = at(tables, action.pick);
      if (!t) return { edits: [] };
      const columns = headers(t);
      // Inside the table: never before its first column (LibreOffice would leave the new column outside).
      const before = columns[1 + (Math.floor(action.pick / 7) % (columns.length - 1))];
      if (!before) return { edits: [] };
      const header = `Mine ${w.expected.text()}`;
      const values: Record<string, string> = {};
      for (const r of t.rows) {
        if (!r) continue;
        const value = w.expected.text();
        values[r.registration] = value;
        w.expected.set({ table: t.name, registration: r.registration, key: userKey(header) }, value);
      }
      return {
        edits: [
          unprotect(t.sheet),
          { op: "insertColumnInTable", tab: t.sheet, before: before.header, header, values },
        ],
      };
    }
    case "userTab": {
      const value = w.expected.text();
      const tab: UserTab = { name: `My tab ${value}`, value, note: `note ${value}` };
      w.userTabs = [...w.userTabs, tab];
      return {
        edits: [
          {
            op: "addUserSheet",
            name: tab.name,
            values: [[value, 42]],
            chart: true,
            note: { address: "B1", text: tab.note },
          },
        ],
      };
    }
    case "convertToRange": {
      const t = at(tables, action.pick);
      if (!t) return { edits: [] };
      return {
        edits: [{ op: "convertToRange", tab: t.sheet }],
        // A row a person copied just below the table is part of the range now: two rows for one learner.
        ...(w.strays.has(t.name) ? { mayRefuse: /are both for/ } : {}),
      };
    }
    case "renameHeader": {
      const t = at(tables, action.pick);
      const column = t
        ? at(
            t.columns.filter((c) => c.role === "entry"),
            action.column,
          )
        : undefined;
      if (!t || !column) return { edits: [] };
      return {
        edits: [
          unprotect(t.sheet),
          { op: "renameHeader", tab: t.sheet, header: column.header, to: `${column.header} (edited)` },
        ],
        mustRefuse: new RegExp(`The column "${escape(column.header)}" of ${escape(t.name)} is missing`),
      };
    }
    case "duplicateRow": {
      const t = at(
        tables.filter((x) => x.rows.some((r) => r !== null)),
        action.pick,
      );
      const rows = t ? t.rows.filter((r) => r !== null) : [];
      const row = at(rows, Math.floor(action.row / 2));
      if (!t || !row) return { edits: [] };
      const inside = action.row % 2 === 0;
      const edits: PersonEdit[] = [
        unprotect(t.sheet),
        {
          op: "duplicateRow",
          tab: t.sheet,
          registration: row.registration,
          where: inside ? "inside" : "below",
        },
      ];
      // Rows inserted below a table's last row are not the table's in LibreOffice (its database range does not
      // grow): a copy of the last row "inside" lands just below the table, as a copy "below" does.
      const last = t.rows.indexOf(row) === t.area.rows - 2;
      if (inside && !last)
        return { edits, mustRefuse: new RegExp(`are both for ${escape(row.registration)}`) };
      // The copy holds the row's entries a second time: pasted over the row just below the table, or inserted
      // there, moving earlier copies down.
      const copied: (string | number)[] = [];
      for (const { place, value } of w.expected.values.values())
        if (place.table === t.name && place.registration === row.registration && value !== null)
          copied.push(value);
      const earlier = w.strays.get(t.name) ?? [];
      w.strays = new Map(w.strays).set(t.name, inside ? [copied, ...earlier] : [copied, ...earlier.slice(1)]);
      return { edits };
    }
    case "roster": {
      const kept = w.roster.learners.filter((_, i) => ((i * 7919) % 100) / 100 < action.keep);
      const learners = [...kept, ...w.fresh(action.add)].map(rosterOnly);
      const file: Cohort = { ...w.roster, learners };
      return {
        edits: [],
        file,
        // New learners' rows grow tables; a row a person copied below one of them is in the way.
        ...(action.add > 0 && w.strays.size > 0
          ? {
              mayRefuse: new RegExp(
                `\\b(${[...w.strays.keys()].map(escape).join("|")}) has to grow [^\\n]* cells there hold what someone typed`,
              ),
            }
          : {}),
      };
    }
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Where each expected value is now, and what is there: the problems, in words (empty when all is well). */
function check(bytes: Uint8Array, contents: WorkbookContents, w: World): string[] {
  const problems: string[] = [];
  const d = decodeWorkbook(contents);
  if (!d.ok || !d.value) return [`the regenerated workbook cannot be decoded: ${JSON.stringify(d)}`];
  const tables = d.value.tables;
  const counts = new Map<string | number, number>();
  // The Dashboard names every assessor typed anywhere: a name shown there is a figure's label, not a copy; the
  // Feedback tab shows one learner's entries; the Decision log names the learners and decisions that changed:
  // history, not a copy.
  const dashboard = new Set(
    [...tables.values()]
      .filter(
        (t) => t.kind === "dashboard" || t.kind === "feedback" || t.kind === "iqaplan" || t.kind === "log",
      )
      .map((t) => t.sheet),
  );
  for (const s of contents.sheets.filter((x) => !dashboard.has(x.name)))
    for (const row of s.grid)
      for (const c of row ?? []) {
        if (isFormulaValue(c)) continue;
        if (typeof c === "string" || typeof c === "number") counts.set(c, (counts.get(c) ?? 0) + 1);
      }
  const copies = new Map<string | number, number>();
  for (const rows of w.strays.values()) for (const v of rows.flat()) copies.set(v, (copies.get(v) ?? 0) + 1);
  for (const { place, value } of w.expected.values.values()) {
    const t = tables.get(place.table);
    const row = t?.rows.find((r) => r?.registration === place.registration);
    const actual = valueOf(row?.cells.get(place.key));
    if (actual !== value)
      problems.push(
        `${place.table} ${place.registration} ${place.key}: expected ${String(value)}, found ${String(actual)}` +
          (row ? "" : t ? " (no row for the learner)" : " (no such table)"),
      );
    const times = 1 + (copies.get(value ?? "") ?? 0);
    if (value !== null && counts.get(value) !== times)
      problems.push(`${String(value)} appears ${counts.get(value) ?? 0} times in the workbook, not ${times}`);
  }
  const files = unzipSync(bytes);
  const comments = Object.entries(files)
    .filter(([name]) => /comments\d*\.xml$/.test(name))
    .map(([, part]) => strFromU8(part))
    .join("\n");
  const charts = Object.keys(files).filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name)).length;
  for (const tab of w.userTabs) {
    const sheet = contents.sheets.find((s) => s.name === tab.name);
    if (!sheet) problems.push(`the tab ${tab.name} is gone`);
    else if (sheet.grid[0]?.[0] !== tab.value || sheet.grid[0]?.[1] !== 42)
      problems.push(`${tab.name}!A1:B1 holds ${JSON.stringify(sheet.grid[0])}, not ${tab.value}, 42`);
    if (!comments.includes(tab.note)) problems.push(`the note "${tab.note}" on ${tab.name} is gone`);
  }
  if (charts < w.userTabs.length) problems.push(`${charts} charts for ${w.userTabs.length} user tabs`);
  return problems;
}

maybe("regeneration never loses or misplaces an entry, through files LibreOffice edits and saves", () => {
  let session: PersonSession;

  beforeAll(async () => {
    if (!soffice || !python) throw new Error("CI=true but soffice or python3-uno is missing");
    session = await startPerson(soffice, python);
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  it(
    "after random sequences of what people do in LibreOffice, every typed value is on its learner and in its column exactly once, or ilm refused as expected and left the file byte-for-byte unchanged",
    async () => {
      let failedAt: number | undefined;
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 1_000_000 }),
          fc.integer({ min: 2, max: 6 }),
          fc.array(actionArb, { minLength: 1, maxLength: 4 }),
          async (seed, size, actions) => {
            // Shrinking drives LibreOffice for every try: after a while, report the smallest failure found so far.
            if (failedAt !== undefined && Date.now() - failedAt > SHRINK_MILLIS) return;
            try {
              await run(seed, size, actions);
            } catch (error) {
              failedAt ??= Date.now();
              throw error;
            }
          },
        ),
        { numRuns: 6 },
      );
    },
    20 * 60_000,
  );

  // LibreOffice moves a column by inserting a sheet column, and one inserted before a table's first column is not
  // the table's: ilm takes every column its settings know back in from there (decode.ts `widened`), a person's
  // own column too, so on the next sort its values move with their learners.
  it("keeps a user's own column, moved in front of its table in LibreOffice, in the table and with its learners", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-people-"));
    const ilm = ilmIn(dir);
    const workbook = path.join(dir, "w.xlsx");
    const person = async (edits: readonly PersonEdit[]) =>
      fs.writeFile(workbook, await edit(new Uint8Array(await fs.readFile(workbook)), edits));
    const regenerate = async () => expect([0, 1]).toContain((await ilm("workbook", "--out", "w.xlsx")).code);
    const mine = async () => {
      const d = decoded(await readXlsxContents(new Uint8Array(await fs.readFile(workbook))));
      return d.tables
        .get("Learners")
        ?.rows.map((r) => [r?.registration, valueOf(r?.cells.get(userKey("Mine")))]);
    };
    try {
      await fs.writeFile(path.join(dir, "cohort.json"), JSON.stringify(generateCohort(2, 1)));
      expect([0, 1]).toContain((await ilm("workbook", "cohort.json", "--out", "w.xlsx")).code);
      await person([
        unprotect("Learners"),
        {
          op: "insertColumnInTable",
          tab: "Learners",
          before: "Learner",
          header: "Mine",
          values: { R00000: "a0", R00001: "a1" },
        },
      ]);
      await regenerate();
      expect(await mine()).toEqual([
        ["R00000", "a0"],
        ["R00001", "a1"],
      ]);
      await person([
        unprotect("Learners"),
        { op: "moveColumn", tab: "Learners", header: "Mine", before: "Registration No" },
      ]);
      await regenerate();
      await person([
        unprotect("Learners"),
        { op: "sort", tab: "Learners", header: "Registration No", order: "descending" },
      ]);
      await regenerate();
      expect(await mine()).toEqual([
        ["R00001", "a1"],
        ["R00000", "a0"],
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  async function run(seed: number, size: number, actions: readonly Action[]): Promise<void> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-people-"));
    const file = (name: string) => path.join(dir, name);
    const ilm = ilmIn(dir);
    const bytes = async () => new Uint8Array(await fs.readFile(file("w.xlsx")));
    try {
      const cohort = generateCohort(size, seed);
      await fs.writeFile(file("cohort.json"), JSON.stringify(cohort));
      const first = await ilm("workbook", "cohort.json", "--out", "w.xlsx");
      if (first.code !== 0 && first.code !== 1) throw new Error(`the first workbook: ${first.err}`);
      const w: World = {
        expected: new Expectations(),
        roster: cohort,
        fresh: freshLearners(seed),
        userTabs: [],
        strays: new Map(),
      };
      const log: string[] = [];
      for (const action of actions) {
        const previous = await bytes();
        const undo = snapshot(w);
        const step = plan(action, decoded(await readXlsxContents(previous)), w);
        log.push(`${JSON.stringify(action)} -> ${JSON.stringify(step.edits)}`);
        if (step.edits.length > 0) await fs.writeFile(file("w.xlsx"), await edit(previous, step.edits));
        if (step.file) await fs.writeFile(file("roster.json"), JSON.stringify(step.file));
        const before = await bytes();
        const r = await ilm("workbook", ...(step.file ? ["roster.json"] : []), "--out", "w.xlsx");
        const after = await bytes();
        const context = `seed ${seed}, size ${size}, after:\n${log.join("\n")}\nilm exited ${r.code}: ${r.err}`;
        if (r.code === 2) {
          // A refusal changes nothing, and only happens where ilm cannot be sure.
          if (!Buffer.from(after).equals(Buffer.from(before)))
            throw new Error(`the refusal changed the file; ${context}`);
          const expected = step.mustRefuse ?? step.mayRefuse;
          if (!expected || !expected.test(r.err)) throw new Error(`unexpected refusal; ${context}`);
          // Back to the file as it was before the action, as a person undoes it.
          await fs.writeFile(file("w.xlsx"), previous);
          undo();
          log.push("(refused as expected; undone)");
          continue;
        }
        if (step.mustRefuse) throw new Error(`ilm did not refuse (${step.mustRefuse.source}); ${context}`);
        if (r.code !== 0 && r.code !== 1) throw new Error(`ilm exited ${r.code}; ${context}`);
        if (step.file) w.roster = step.file;
        const problems = check(after, await readXlsxContents(after), w);
        if (problems.length > 0) throw new Error(`${problems.join("\n")}\n${context}`);
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  /** LibreOffice makes the edits and saves; a locked cell is typed after unprotecting its tab, as a person must. */
  async function edit(workbook: Uint8Array, edits: readonly PersonEdit[]): Promise<Uint8Array> {
    try {
      return (await session.edit(workbook, edits)).bytes;
    } catch (error) {
      const first = edits[0];
      if (!(error instanceof Error) || !/locked cell/.test(error.message) || !first || !("tab" in first))
        throw error;
      return (await session.edit(workbook, [unprotect(first.tab), ...edits])).bytes;
    }
  }
});
