/**
 * The Feedback tab recalculated by LibreOffice (and Gnumeric): for several learner and assessment choices set in
 * its drop-down cells, it shows the marks, QA marks, totals, outcomes and referred sections of the feedback sheet
 * the PDF is drawn from (src/app/feedback.ts), and the very values ilm caches; an invalid choice shows a plain
 * message; the tab prints on one A4 page.
 */
import { execFile } from "node:child_process";
import { mkdirSync, promises as fs, readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { feedbackSheets } from "../../src/app/feedback";
import type { FeedbackSheet } from "../../src/app/feedback";
import { generate } from "../../src/app/generate";
import type { Cohort } from "../../src/domain";
import { validateCohort } from "../../src/domain";
import type { Value, WorkbookContents } from "../../src/workbook/contents";
import { cellAt, valueOf } from "../../src/workbook/contents";
import { CHOICE_MESSAGES, FEEDBACK_TABLES, feedbackWithValues } from "../../src/workbook/feedback-tab";
import type { Cell, WorkbookPlan } from "../../src/workbook/plan";
import { readXlsxContents } from "../../src/xlsx/read-contents";
import { writeXlsx } from "../../src/xlsx/write-plan";
import { withoutCachedValues } from "../workbook/helpers";
import { pdftoppm, schemaErrors, ssconvert, describeWhenInstalled } from "../xlsx/helpers";
import { findUnoPython, startPerson } from "./person";
import { findSoffice, recalcWithLibreOffice } from "./recalc";

const run = promisify(execFile);
const ROOT = path.join(__dirname, "..", "..");
const ARTIFACTS = path.join(__dirname, "..", "artifacts");
const soffice = findSoffice();
const inCI = process.env.CI === "true";
const maybe = describeWhenInstalled({ "LibreOffice (soffice)": soffice }, "the Feedback tab test");

const sample = JSON.parse(readFileSync(path.join(ROOT, "examples/cohort.json"), "utf8")) as Cohort;

function generated(cohort: Cohort, mode: "portable" | "ilm" = "portable") {
  const g = generate({ what: "w", file: cohort, mode });
  if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
  const valid = validateCohort(g.value.cohort, g.value.catalogue);
  if (!valid.ok || !g.value.evaluation) throw new Error("the cohort is not valid");
  const sheets = feedbackSheets(g.value.catalogue, valid.value, g.value.evaluation);
  if (!sheets.ok) throw new Error(JSON.stringify(sheets.problems));
  return { ...g.value, sheets: sheets.value };
}

/** The plan with the two drop-down cells set to a choice, and the Feedback tab's cached values for it. */
function choose(
  plan: WorkbookPlan,
  g: ReturnType<typeof generated>,
  registration: string,
  assessment: string,
): WorkbookPlan {
  const text = (v: string): Cell => ({ t: "text", v });
  const sheets = plan.sheets.map((s) => {
    if (s.kind !== "feedback") return s;
    const row = [...(s.table.rows[0] ?? [])];
    row[0] = text(registration);
    row[2] = text(assessment);
    const chosen = { ...s, table: { ...s.table, rows: [row] } };
    return feedbackWithValues(chosen, plan, g.catalogue);
  });
  return { ...plan, sheets };
}

/** The data rows of one of the tab's tables, as the cells show them. */
function tableRows(contents: WorkbookContents, name: string, where: WorkbookContents = contents): Value[][] {
  const t = where.tables.find((x) => x.name === name);
  const sheet = contents.sheets.find((s) => s.name === t?.sheet);
  if (!t || !sheet) throw new Error(`no table ${name}`);
  const rows: Value[][] = [];
  for (let r = t.area.row + 1; r < t.area.row + t.area.rows; r++) {
    const row: Value[] = [];
    for (let c = t.area.column; c < t.area.column + t.area.columns; c++)
      row.push(valueOf(cellAt(sheet, r, c)));
    rows.push(row);
  }
  return rows;
}

/** What the Feedback tab shows, in the terms of a feedback sheet. */
function shown(contents: WorkbookContents, where: WorkbookContents = contents) {
  const blank = (v: Value) => (v === "" ? null : v);
  const marks = tableRows(contents, FEEDBACK_TABLES.marks, where).filter((r) => blank(r[0] ?? null) !== null);
  const result = tableRows(contents, FEEDBACK_TABLES.result, where);
  return {
    learner: tableRows(contents, FEEDBACK_TABLES.choice, where)[0]?.[1] ?? null,
    parts: marks.map((r) => ({
      id: String(r[0]),
      mark: blank(r[4] ?? null),
      qaMark: blank(r[5] ?? null),
      referred: r[6] === "Referred",
    })),
    total: blank(result[0]?.[1] ?? null),
    qaTotal: blank(result[0]?.[2] ?? null),
    outcome: blank(result[1]?.[1] ?? null),
    qaOutcome: blank(result[1]?.[2] ?? null),
    referral: blank(result[2]?.[1] ?? null),
  };
}

/** The same, from the feedback sheet the PDF is drawn from. */
function expected(sheet: FeedbackSheet, g: ReturnType<typeof generated>) {
  const shownOutcome = (o: string | undefined) => (o === undefined || o === "INCOMPLETE" ? null : o);
  const a = g.catalogue.assessments.get(sheet.assessment.id);
  const referredNames =
    sheet.marks.kind === "sectioned" && a?.kind === "sectioned"
      ? sheet.marks.sections.filter((s) => s.referred).map((s) => a.sections[s.number - 1]?.short)
      : sheet.referred === ""
        ? []
        : sheet.referred.split(", ");
  return {
    learner: `${sheet.learner.name}${sheet.learner.withdrawn ? " (withdrawn)" : ""}`,
    parts:
      sheet.marks.kind === "sectioned"
        ? sheet.marks.sections.map((s) => ({
            id: String(s.number),
            mark: s.mark,
            qaMark: s.qaMark,
            referred: s.referred,
          }))
        : sheet.marks.criteria.map((c) => ({
            id: c.id,
            mark: c.result,
            qaMark: c.qaResult,
            referred: c.referred,
          })),
    total: sheet.marks.kind === "sectioned" && sheet.outcome !== "INVALID" ? sheet.marks.total : null,
    qaTotal:
      sheet.marks.kind === "sectioned" && sheet.qaOutcome !== "INVALID" && sheet.qaOutcome !== undefined
        ? sheet.marks.qaTotal
        : null,
    outcome: shownOutcome(sheet.outcome),
    qaOutcome: shownOutcome(sheet.qaOutcome),
    referral: referredNames.length > 0 && sheet.outcome === "REFERRAL" ? referredNames.join(", ") : null,
  };
}

/** A spread of sheets: each assessment's first, the referrals, an INVALID one, a withdrawn learner's. */
function picks(sheets: readonly FeedbackSheet[]): FeedbackSheet[] {
  const out = new Map<string, FeedbackSheet>();
  const add = (s: FeedbackSheet | undefined) => {
    if (s) out.set(`${s.learner.registration}|${s.assessment.id}`, s);
  };
  for (const id of new Set(sheets.map((s) => s.assessment.id)))
    add(sheets.find((s) => s.assessment.id === id));
  add(sheets.find((s) => s.outcome === "REFERRAL" && s.marks.kind === "sectioned"));
  add(sheets.find((s) => s.outcome === "REFERRAL" && s.marks.kind === "criteria"));
  add(sheets.find((s) => s.outcome === "INVALID"));
  add(sheets.find((s) => s.learner.withdrawn));
  add(sheets.find((s) => s.qaOutcome !== undefined));
  return [...out.values()];
}

/** The workbook as Gnumeric saves it after recalculating every formula. */
async function recalcWithGnumeric(bytes: Uint8Array): Promise<Uint8Array> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-feedback-gnumeric-"));
  try {
    await fs.writeFile(path.join(dir, "in.xlsx"), bytes);
    await run(ssconvert as string, ["--recalc", path.join(dir, "in.xlsx"), path.join(dir, "out.xlsx")], {
      timeout: 240_000,
      env: { ...process.env, HOME: dir },
    });
    return new Uint8Array(await fs.readFile(path.join(dir, "out.xlsx")));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const maybeGnumeric = ssconvert || inCI ? describe : describe.skip;
maybeGnumeric("the Feedback tab recalculated by Gnumeric", () => {
  it("shows the feedback sheet's values for a sectioned referral and a criterion referral", async () => {
    if (!ssconvert) throw new Error("CI=true but ssconvert (gnumeric) is not installed");
    const g = generated(sample);
    const chosen = [
      g.sheets.find((s) => s.outcome === "REFERRAL" && s.marks.kind === "sectioned"),
      g.sheets.find((s) => s.outcome === "REFERRAL" && s.marks.kind === "criteria"),
      g.sheets.find((s) => s.qaOutcome !== undefined),
    ];
    for (const sheet of chosen) {
      if (!sheet) throw new Error("the sample cohort lacks a sheet this test needs");
      const plan = choose(g.plan, g, sheet.learner.registration, sheet.assessment.id);
      // Gnumeric keeps no tables: the cells are found where ilm wrote them.
      const bytes = await writeXlsx(withoutCachedValues(plan));
      const computed = shown(
        await readXlsxContents(await recalcWithGnumeric(bytes)),
        await readXlsxContents(bytes),
      );
      const label = `${sheet.learner.registration} ${sheet.assessment.id}`;
      expect({ label, ...computed }).toEqual({ label, ...expected(sheet, g) });
    }
  }, 300_000);
});

maybe("the Feedback tab recalculated by LibreOffice", () => {
  it("shows the feedback sheet's marks, QA marks, totals, outcomes and referrals for each choice", async () => {
    if (!soffice) throw new Error("CI=true but soffice is not installed");
    const g = generated(sample);
    const chosen = picks(g.sheets);
    expect(chosen.length).toBeGreaterThanOrEqual(5);
    for (const sheet of chosen) {
      const plan = choose(g.plan, g, sheet.learner.registration, sheet.assessment.id);
      const cached = shown(await readXlsxContents(await writeXlsx(plan)));
      const recalculated = await recalcWithLibreOffice(await writeXlsx(withoutCachedValues(plan)), soffice);
      const computed = shown(await readXlsxContents(recalculated.bytes));
      const label = `${sheet.learner.registration} ${sheet.assessment.id}`;
      expect({ label, ...computed }).toEqual({ label, ...expected(sheet, g) });
      expect({ label, ...cached }).toEqual({ label, ...computed });
    }
  }, 600_000);

  it("shows a plain message and nothing else for a choice that matches no learner or assessment exactly", async () => {
    if (!soffice) throw new Error("CI=true but soffice is not installed");
    const g = generated(sample);
    for (const [registration, assessment, message] of [
      ["NF-00*", "D5.01", CHOICE_MESSAGES.unknownLearner],
      ["NF-001", "D5.0?", CHOICE_MESSAGES.unknownAssessment],
      ["NF-004", "D5.01", CHOICE_MESSAGES.noRow],
    ] as const) {
      const plan = choose(g.plan, g, registration, assessment);
      const recalculated = await recalcWithLibreOffice(await writeXlsx(withoutCachedValues(plan)), soffice);
      const contents = await readXlsxContents(recalculated.bytes);
      expect(tableRows(contents, FEEDBACK_TABLES.choice)[0]).toEqual([registration, message, assessment, ""]);
      const rest = [FEEDBACK_TABLES.marks, FEEDBACK_TABLES.result, FEEDBACK_TABLES.comments].flatMap((t) =>
        tableRows(contents, t).flatMap((r) => r.slice(1)),
      );
      expect(rest.filter((v) => v !== null && v !== "")).toEqual([]);
    }
  }, 300_000);

  it("passes schema validation, and prints on one A4 portrait page (saved as test/artifacts/feedback-tab.png)", async () => {
    if (!soffice || !pdftoppm) throw new Error("CI=true but LibreOffice or poppler-utils is missing");
    const g = generated(sample);
    // The longest scheme (12 criteria) and a referral: the fullest page the sample gives.
    const sheet = g.sheets.find(
      (s) => s.outcome === "REFERRAL" && s.marks.kind === "criteria",
    ) as FeedbackSheet;
    const plan = choose(g.plan, g, sheet.learner.registration, "8580-500");
    const bytes = await writeXlsx(plan);
    expect(await schemaErrors(bytes)).toEqual([]);
    // Only the Feedback tab is printed: the others are hidden for the print.
    const alone: WorkbookPlan = {
      ...plan,
      sheets: plan.sheets.map((s) =>
        s.kind === "feedback" || s.kind === "state" ? s : { ...s, visibility: "hidden" },
      ),
    };
    const { pages, size, png, words, heights } = await printed(await writeXlsx(alone));

    expect(pages).toBe(1);
    expect(size).toEqual([595, 842]);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, "feedback-tab.png"), png);
    expect(words).toEqual(
      expect.arrayContaining(["Registration", "Assr", "Outcome", "Strengths", "Sign-off"]),
    );
    // 8 pt or more once fitted to the page: a word's box (pdftotext -bbox) is about 1.164 times the size of the
    // DejaVu Sans LibreOffice prints with here (ascent plus descent); other fonts' boxes are taller.
    expect(heights.length).toBeGreaterThan(100);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(8 * 1.164);
  }, 300_000);
});

const python = findUnoPython();
const maybePerson = (soffice && python) || inCI ? describe : describe.skip;
maybePerson("the Feedback tab's drop-down cells edited in LibreOffice", () => {
  it("follows a person's choice of learner and assessment, typed into A2 and C2 of the protected tab", async () => {
    if (!soffice || !python) throw new Error("CI=true but soffice or python3-uno is missing");
    const g = generated(sample);
    const written = await writeXlsx(g.plan);
    const session = await startPerson(soffice, python);
    try {
      for (const sheet of [
        g.sheets.find((s) => s.outcome === "REFERRAL" && s.marks.kind === "sectioned"),
        g.sheets.find((s) => s.outcome === "REFERRAL" && s.marks.kind === "criteria"),
      ]) {
        if (!sheet) throw new Error("the sample cohort lacks a sheet this test needs");
        const saved = await session.edit(written, [
          { op: "typeAt", tab: "Feedback", address: "A2", value: sheet.learner.registration },
          { op: "typeAt", tab: "Feedback", address: "C2", value: sheet.assessment.id },
        ]);
        const label = `${sheet.learner.registration} ${sheet.assessment.id}`;
        const computed = shown(await readXlsxContents(saved.bytes));
        expect({ label, ...computed }).toEqual({ label, ...expected(sheet, g) });
      }
    } finally {
      await session.close();
    }
  }, 300_000);
});

/** The workbook printed by LibreOffice: page count and size (points) by pdfinfo, page 1 as PNG, its words. */
async function printed(bytes: Uint8Array) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-feedback-tab-"));
  try {
    const file = path.join(dir, "book.xlsx");
    await fs.writeFile(file, bytes);
    await run(
      soffice as string,
      [
        `-env:UserInstallation=${pathToFileURL(path.join(dir, "profile")).href}`,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        file,
      ],
      { timeout: 180_000 },
    );
    const pdf = path.join(dir, "book.pdf");
    const info = (await run("pdfinfo", [pdf])).stdout;
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
    await run(pdftoppm as string, [
      "-f",
      "1",
      "-l",
      "1",
      "-r",
      "80",
      "-png",
      "-singlefile",
      pdf,
      path.join(dir, "page"),
    ]);
    const text = (await run("pdftotext", ["-f", "1", "-l", "1", pdf, "-"])).stdout;
    const boxes = (await run("pdftotext", ["-bbox", "-f", "1", "-l", "1", pdf, "-"])).stdout;
    const heights = [...boxes.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map(
      (m) => Number(m[2]) - Number(m[1]),
    );
    return {
      pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]),
      size: size ? [Math.round(Number(size[1])), Math.round(Number(size[2]))] : [],
      png: await fs.readFile(path.join(dir, "page.png")),
      words: text.split(/\s+/),
      heights,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
