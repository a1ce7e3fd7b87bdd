import { existsSync, promises as fs, readdirSync, readFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { workbookCommand } from "../../src/cli/workbook";
import { findUnoPython, type PersonEdit, type PersonSession, startPerson } from "./person";
import { findSoffice } from "./recalc";
import { grid, type Peek, peekXlsx } from "./xlsx-peek";
import { describeWhenInstalled } from "../xlsx/helpers";

const soffice = findSoffice();
const python = findUnoPython();
const maybe = describeWhenInstalled(
  { "LibreOffice (soffice)": soffice, "python3-uno": python },
  "the LibreOffice person-edits test",
);

const MARKS = "D5.01 Assignment";
const SERIAL_2026_03_01 = (Date.UTC(2026, 2, 1) - Date.UTC(1899, 11, 30)) / 86_400_000;

// Each edit is a LibreOffice load, edit and save (2–4 s); a test of two edits can pass 5 s on a busy machine.
jest.setTimeout(60_000);

maybe("a person's edits, made by LibreOffice", () => {
  let session: PersonSession;
  let workbook: Uint8Array;
  let base: Peek;
  const jobMillis: number[] = [];

  /** Applies the edits to the CLI's workbook and reads back what LibreOffice saved. */
  const edited = async (edits: readonly PersonEdit[]): Promise<Peek> => {
    const result = await session.edit(workbook, edits);
    jobMillis.push(result.millis);
    return peekXlsx(result.bytes);
  };
  const unprotect = (tab: string): PersonEdit => ({ op: "unprotectSheet", tab });

  beforeAll(async () => {
    if (!soffice || !python)
      throw new Error("CI=true but soffice or python3-uno is missing: the LibreOffice test must run in CI");
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-person-wb-"));
    try {
      const stderr: string[] = [];
      const code = await workbookCommand(
        [path.resolve(__dirname, "../../examples/cohort.json"), "--out", "cohort.xlsx"],
        {
          stdout: () => undefined,
          stderr: (t) => stderr.push(t),
          readFile: (p) => fs.readFile(p, "utf8"),
          cwd: dir,
        },
      );
      expect(stderr.join("")).toBe("");
      expect([0, 1]).toContain(code);
      workbook = new Uint8Array(await fs.readFile(path.join(dir, "cohort.xlsx")));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    base = await peekXlsx(workbook);
    session = await startPerson(soffice, python);
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    if (session) {
      const sorted = [...jobMillis].sort((a, b) => a - b);
      console.log(
        `LibreOffice person driver: start ${session.startupMillis} ms; ${jobMillis.length} edit jobs ` +
          `(load + edit + save of the 12-learner workbook): first ${jobMillis[0]} ms, median ` +
          `${sorted[Math.floor(sorted.length / 2)]} ms, slowest ${sorted[sorted.length - 1]} ms`,
      );
    }
  });

  it("saves an unedited workbook with every tab, table and learner", async () => {
    const saved = await edited([]);
    expect(saved.sheets.map((s) => s.name)).toEqual(base.sheets.map((s) => s.name));
    for (const s of base.sheets) {
      // The order of a sheet's table parts is LibreOffice's own (the Dashboard has several).
      const tables = (x: typeof s) => x.tables.map((t) => [t.name, t.ref]).sort();
      expect(tables(saved.sheet(s.name))).toEqual(tables(s));
      if (s.name !== "ILM state" && s.name !== "Dashboard" && s.name !== "IQA plan")
        expect(grid(saved.sheet(s.name)).registrations).toEqual(grid(s).registrations);
    }
  });

  it("types a number, a text and a date into a learner's cells, and clears one", async () => {
    const [first, second] = grid(base.sheet(MARKS)).registrations as [string, string];
    const learners = grid(base.sheet("Learners"));
    const filled = learners.registrations.find(
      (r) => learners.at("Induction hours", r)?.value !== null,
    ) as string;
    const cell = (header: string, registration: string) => ({ tab: MARKS, header, registration });
    const saved = await edited([
      { op: "type", ...cell("Context /4 (min 2)", second), value: 4 },
      { op: "type", ...cell("Strengths", first), value: "Listens well" },
      { op: "type", ...cell("Date submitted", second), value: { date: "2026-03-01" } },
      { op: "clear", tab: "Learners", header: "Induction hours", registration: filled },
    ]);
    const marks = grid(saved.sheet(MARKS));
    expect(marks.at("Context /4 (min 2)", second)?.value).toBe(4);
    expect(marks.at("Strengths", first)?.value).toBe("Listens well");
    const date = marks.at("Date submitted", second);
    expect(date?.value).toBe(SERIAL_2026_03_01);
    expect(date?.format).toMatch(/y/i);
    expect(grid(saved.sheet("Learners")).at("Induction hours", filled)?.value ?? null).toBeNull();
    // Nothing else moved: the other learners' marks are as before.
    expect(marks.at("Context /4 (min 2)", first)?.value).toEqual(
      grid(base.sheet(MARKS)).at("Context /4 (min 2)", first)?.value,
    );
  });

  it("refuses to type into a locked cell of a protected tab, as Excel and LibreOffice refuse a person", async () => {
    const [first] = grid(base.sheet(MARKS)).registrations as [string];
    await expect(
      session.edit(workbook, [{ op: "type", tab: MARKS, header: "Total", registration: first, value: 1 }]),
    ).rejects.toThrow(/locked cell on the protected tab/);
    await expect(
      session.edit(workbook, [
        { op: "type", tab: MARKS, header: "No such header", registration: first, value: 1 },
      ]),
    ).rejects.toThrow(/edit 1 \(type\): tab 'D5.01 Assignment' has no header 'No such header'/);
    // The session is still usable after a failed job.
    expect((await edited([])).sheets.length).toBe(base.sheets.length);
  });

  it("types and clears cells by address beside and below the table", async () => {
    const saved = await edited([
      unprotect(MARKS),
      { op: "typeAt", tab: MARKS, address: "AB2", value: "beside" },
      { op: "typeAt", tab: MARKS, address: "B20", value: 7 },
      { op: "typeAt", tab: MARKS, address: "C20", value: "gone" },
      { op: "clearAt", tab: MARKS, address: "C20" },
    ]);
    const cells = saved.sheet(MARKS).cells;
    expect(cells.get("AB2")?.value).toBe("beside");
    expect(cells.get("B20")?.value).toBe(7);
    expect(cells.get("C20")?.value ?? null).toBeNull();
    expect(saved.sheet(MARKS).tables[0]?.ref).toBe(base.sheet(MARKS).tables[0]?.ref);
  });

  it("sorts the table's rows by a header, descending and ascending, rows kept whole", async () => {
    const before = grid(base.sheet(MARKS));
    const learnerOf = new Map(before.registrations.map((r) => [r, before.at("Learner", r)?.value]));
    const byName = [...before.registrations].sort((a, b) =>
      String(learnerOf.get(a)).localeCompare(String(learnerOf.get(b))),
    );
    for (const order of ["descending", "ascending"] as const) {
      const saved = grid(
        (await edited([unprotect(MARKS), { op: "sort", tab: MARKS, header: "Learner", order }])).sheet(MARKS),
      );
      expect(saved.registrations).toEqual(order === "ascending" ? byName : [...byName].reverse());
      for (const r of saved.registrations) expect(saved.at("Learner", r)?.value).toBe(learnerOf.get(r));
    }
    expect(before.registrations).not.toEqual(byName.reverse()); // the descending sort changed the order
  });

  it("moves a column before another header, its values and table column going with it", async () => {
    const before = grid(base.sheet(MARKS));
    const [first] = before.registrations as [string];
    const withStrength = await edited([
      unprotect(MARKS),
      { op: "type", tab: MARKS, header: "Strengths", registration: first, value: "clear goals" },
      { op: "moveColumn", tab: MARKS, header: "Strengths", before: "Learner" },
    ]);
    const sheet = withStrength.sheet(MARKS);
    const after = grid(sheet);
    expect(after.columnOf("Strengths")).toBe(before.columnOf("Learner"));
    expect(after.columnOf("Learner")).toBe(before.columnOf("Learner") + 1);
    expect(after.at("Strengths", first)?.value).toBe("clear goals");
    expect(after.headers.size).toBe(before.headers.size);
    const table = sheet.tables[0];
    expect(table?.ref).toBe(base.sheet(MARKS).tables[0]?.ref);
    expect(table?.columns.slice(0, 3)).toEqual(["Registration No", "Strengths", "Learner"]);
  });

  it("inserts a sheet column at A: the table and everything else shift right", async () => {
    const saved = (await edited([unprotect("Learners"), { op: "insertColumnLeft", tab: "Learners" }])).sheet(
      "Learners",
    );
    const before = grid(base.sheet("Learners"));
    const after = grid(saved);
    expect(after.registrationColumn).toBe(1);
    expect(saved.tables[0]?.ref).toBe("B1:AL13");
    for (const r of before.registrations)
      expect(after.at("Learner", r)?.value).toBe(before.at("Learner", r)?.value);
  });

  it("inserts a user column inside the table with a header and values", async () => {
    const before = grid(base.sheet(MARKS));
    const [first, second] = before.registrations as [string, string];
    const saved = (
      await edited([
        unprotect(MARKS),
        {
          op: "insertColumnInTable",
          tab: MARKS,
          before: "Status",
          header: "Coach notes",
          values: { [first]: "keen", [second]: 3 },
        },
      ])
    ).sheet(MARKS);
    const after = grid(saved);
    expect(after.columnOf("Coach notes")).toBe(before.columnOf("Status"));
    expect(after.at("Coach notes", first)?.value).toBe("keen");
    expect(after.at("Coach notes", second)?.value).toBe(3);
    expect(saved.tables[0]?.columns).toContain("Coach notes");
    expect(saved.tables[0]?.ref).toBe("A1:AG5");
    expect(base.sheet(MARKS).tables[0]?.ref).toBe("A1:AF5");
  });

  it("renames a header, in the cell and in the table", async () => {
    const saved = (
      await edited([
        unprotect(MARKS),
        { op: "renameHeader", tab: MARKS, header: "Strengths", to: "What went well" },
      ])
    ).sheet(MARKS);
    expect(grid(saved).columnOf("What went well")).toBe(grid(base.sheet(MARKS)).columnOf("Strengths"));
    expect(saved.tables[0]?.columns).toContain("What went well");
    expect(saved.tables[0]?.columns).not.toContain("Strengths");
  });

  it("duplicates a learner's row below the table (table unchanged) or inside it (table grows)", async () => {
    const before = grid(base.sheet(MARKS));
    const [first] = before.registrations as [string];
    const ref = base.sheet(MARKS).tables[0]?.ref;

    const below = (
      await edited([
        unprotect(MARKS),
        { op: "duplicateRow", tab: MARKS, registration: first, where: "below" },
      ])
    ).sheet(MARKS);
    expect(grid(below).rowsOf(first)).toEqual([2, 2 + before.registrations.length]);
    expect(below.tables[0]?.ref).toBe(ref);

    const inside = (
      await edited([
        unprotect(MARKS),
        { op: "duplicateRow", tab: MARKS, registration: first, where: "inside" },
      ])
    ).sheet(MARKS);
    expect(grid(inside).rowsOf(first)).toEqual([2, 3]);
    expect(inside.tables[0]?.ref).toBe("A1:AF6");
    expect(grid(inside).registrations.length).toBe(before.registrations.length + 1);
  });

  it("adds a user tab with values, a native chart and a note", async () => {
    const saved = await edited([
      {
        op: "addUserSheet",
        name: "My chart",
        values: [
          ["Month", "Passes"],
          ["Jan", 3],
          ["Feb", 5],
        ],
        note: { address: "B2", text: "from the centre report" },
      },
    ]);
    const sheet = saved.sheet("My chart");
    expect(saved.sheets.at(-1)?.name).toBe("My chart");
    expect(sheet.cells.get("A1")?.value).toBe("Month");
    expect(sheet.cells.get("B3")?.value).toBe(5);
    expect(sheet.charts).toBe(1);
    expect(sheet.notes.get("B2")).toBe("from the centre report");
  });

  it("adds notes by learner and header, and by address", async () => {
    const [first] = grid(base.sheet(MARKS)).registrations as [string];
    const saved = await edited([
      unprotect(MARKS),
      { op: "addNote", tab: MARKS, header: "Strengths", registration: first, text: "ask about week 3" },
      { op: "addNote", tab: MARKS, address: "AB1", text: "my column" },
    ]);
    const sheet = saved.sheet(MARKS);
    const cell = `${String.fromCharCode(65 + grid(sheet).columnOf("Strengths"))}2`;
    expect(Object.fromEntries(sheet.notes)).toEqual({ [cell]: "ask about week 3", AB1: "my column" });
  });

  it("converts a table to a range: no table part, the cells kept", async () => {
    const saved = await edited([{ op: "convertToRange", tab: "Learners" }]);
    const learners = saved.sheet("Learners");
    expect(learners.tables).toEqual([]);
    expect(grid(learners).registrations).toEqual(grid(base.sheet("Learners")).registrations);
    expect([...grid(learners).headers.values()]).toEqual([...grid(base.sheet("Learners")).headers.values()]);
    // The mark sheet keeps its table and its colour key.
    expect(saved.sheet(MARKS).tables.length).toBe(2);
    const tableParts = saved.parts.filter((p) => p.startsWith("xl/tables/"));
    expect(tableParts.length).toBe(base.parts.filter((p) => p.startsWith("xl/tables/")).length - 1);
    // Without the table, a person still finds the cells by header and registration.
    const [first] = grid(base.sheet("Learners")).registrations as [string];
    const typed = await edited([
      { op: "convertToRange", tab: "Learners" },
      { op: "type", tab: "Learners", header: "Coaching hours", registration: first, value: 12 },
    ]);
    expect(grid(typed.sheet("Learners")).at("Coaching hours", first)?.value).toBe(12);
  });

  it("hides a column and sets a column's width, by header", async () => {
    const saved = (
      await edited([
        { op: "hideColumn", tab: MARKS, header: "Assessor" },
        { op: "setColumnWidth", tab: MARKS, header: "Strengths", widthMm: 120 },
      ])
    ).sheet(MARKS);
    const g = grid(saved);
    const colOf = (header: string) => {
      const n = g.columnOf(header) + 1;
      return saved.columns.find((c) => c.min <= n && n <= c.max);
    };
    expect(colOf("Assessor")?.hidden).toBe(true);
    expect(colOf("Learner")?.hidden).toBe(false);
    // LibreOffice writes widths in characters of the default font, about 2.47 mm each: 120 mm is about 48.6.
    expect(colOf("Strengths")?.width).toBeGreaterThan(46);
    expect(colOf("Strengths")?.width).toBeLessThan(51);
    expect(base.sheet(MARKS).columns.find((c) => c.min === g.columnOf("Strengths") + 1)?.width).toBe(40);
  });

  it("renames a tab", async () => {
    const saved = await edited([{ op: "renameSheet", tab: MARKS, to: "D5.01 marks" }]);
    expect(saved.sheets.map((s) => s.name)).toContain("D5.01 marks");
    expect(saved.sheets.map((s) => s.name)).not.toContain(MARKS);
    expect(grid(saved.sheet("D5.01 marks")).registrations).toEqual(grid(base.sheet(MARKS)).registrations);
  });

  it("closes a session: LibreOffice's processes gone and its profile removed", async () => {
    const other = await startPerson(soffice as string, python as string);
    expect(existsSync(other.dir)).toBe(true);
    await other.close();
    expect(existsSync(other.dir)).toBe(false);
    const running = readdirSync("/proc")
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, "utf8").includes(path.basename(other.dir));
        } catch {
          return false;
        }
      });
    expect(running).toEqual([]);
    await expect(other.edit(workbook, [])).rejects.toThrow(/closed/);
  }, 120_000);
});
