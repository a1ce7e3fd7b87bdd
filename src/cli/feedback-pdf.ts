/**
 * Draws a feedback sheet (src/app/feedback.ts) as one A4 page in the layout of the ILM mark sheet (seed 004,
 * Appendix B), with PDFKit and the DejaVu Sans Condensed font embedded (subset) so that Welsh and other accented
 * letters print as typed. Text is 8 pt or more. See docs/feedback.md.
 */

/// <reference types="pdfkit" />
import { longDate } from "../domain/engine/dates";
import { readFileSync } from "node:fs";
import type { FeedbackSheet } from "../app/feedback";
import type { Outcome } from "../domain/engine/outcomes";

type Doc = PDFKit.PDFDocument;

/** The part of fontkit this module uses: whether the font has a glyph for a character. */
interface GlyphFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

export interface Fonts {
  readonly regular: Buffer;
  readonly bold: Buffer;
  readonly glyphs: GlyphFont;
}

/**
 * Reads the fonts once (DejaVu Sans Condensed and its bold, about 1.3 MB, from the dejavu-fonts-ttf package; each
 * PDF embeds only the glyphs it uses).
 */
export function loadFonts(): Fonts {
  const file = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fontkit = require("fontkit") as { create(buffer: Buffer): GlyphFont };
  const regular = readFileSync(file("DejaVuSansCondensed.ttf"));
  const bold = readFileSync(file("DejaVuSansCondensed-Bold.ttf"));
  const faces = [fontkit.create(regular), fontkit.create(bold)];
  // Text from the workbook is drawn in either face: a character is drawable when both have it.
  return {
    regular,
    bold,
    glyphs: { hasGlyphForCodePoint: (cp) => faces.every((f) => f.hasGlyphForCodePoint(cp)) },
  };
}

/** The character printed for one the font cannot draw. */
export const REPLACEMENT = "?";

/**
 * Right-to-left scripts: PDFKit lays text out left to right and does not reorder mixed text, so letters of these
 * scripts would print in the wrong order: they are replaced (see printable).
 */
const RIGHT_TO_LEFT =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;
/** Control and format characters (bidirectional controls, zero-width characters, soft hyphens): invisible. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;

/**
 * Text as the sheet prints it: Unicode NFC (so `w` + combining circumflex is `ŵ`), line breaks kept (CR LF and CR
 * become LF), tabs as spaces, control and format characters left out, and every character the font has no glyph
 * for, or of a right-to-left script, printed as `?` (REPLACEMENT). `replaced` lists the characters replaced.
 * @example printable("Gwenllian Bowen-Ŵyn", fonts).text // "Gwenllian Bowen-Ŵyn"
 * @example printable("王芳", fonts).text // "??"
 */
export function printable(text: string, fonts: Fonts): { text: string; replaced: string[] } {
  const replaced: string[] = [];
  let out = "";
  for (const ch of text.normalize("NFC").replace(/\r\n?/g, "\n").replace(/\t/g, " ")) {
    if (ch === "\n") out += ch;
    else if (INVISIBLE.test(ch)) continue;
    else if (RIGHT_TO_LEFT.test(ch) || !fonts.glyphs.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)) {
      replaced.push(ch);
      out += REPLACEMENT;
    } else out += ch;
  }
  return { text: out, replaced };
}

/** A heading cell of the marks table: bold on the heading fill, centred unless told. */
function head(text: string, width: number, align: Cell["align"] = "center"): Cell {
  return { text, width, bold: true, fill: HEAD_FILL, align };
}

/** The outcome as the sheet prints it. */
export function outcomeText(outcome: Outcome | undefined): string {
  if (outcome === undefined) return "";
  if (outcome === "INCOMPLETE") return "Not fully marked";
  if (outcome === "INVALID") return "INVALID (see notes)";
  return outcome;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 34;
const WIDTH = PAGE.width - 2 * MARGIN;
const BODY = 9;
/** The smallest size any text is printed at. */
export const SMALLEST = 8;
const PAD = 3;
/** The least height of a comment box. */
const MIN_BOX = 40;
const LABEL_FILL = "#e6e6e6";
const HEAD_FILL = "#d0d0d0";
const REFERRED_FILL = "#f2f2f2";

export interface DrawnSheet {
  readonly bytes: Uint8Array;
  /** Characters the font could not draw (printed as `?`). */
  readonly replaced: readonly string[];
  /** Whether the strengths or areas for improvement were cut to fit the page. */
  readonly cut: boolean;
}

/** A cell of a row: text, its width, and how it is drawn. */
interface Cell {
  readonly text: string;
  readonly width: number;
  readonly bold?: boolean;
  readonly fill?: string;
  readonly align?: "left" | "center" | "right";
  readonly size?: number;
}

/** A sheet whose marks table alone leaves no room on one page (a centre's scheme with very many criteria). */
export class SheetTooLong extends Error {}

/**
 * One feedback sheet as the bytes of a one-page A4 PDF. `printed` is the print date (YYYY-MM-DD) for the footer.
 * Drawn at 9 pt; at 8 pt when the marks leave too little room for the comments; SheetTooLong when even that does not
 * fit.
 */
export async function feedbackPdf(sheet: FeedbackSheet, printed: string, fonts: Fonts): Promise<DrawnSheet> {
  for (const body of [BODY, SMALLEST]) {
    const drawn = await drawSheet(sheet, printed, fonts, body);
    if (drawn) return drawn;
  }
  throw new SheetTooLong(
    `the mark sheet of ${sheet.learner.registration} for ${sheet.assessment.id} does not fit one A4 page at 8 pt`,
  );
}

async function drawSheet(
  sheet: FeedbackSheet,
  printed: string,
  fonts: Fonts,
  body: number,
): Promise<DrawnSheet | null> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const PDFDocument = require("pdfkit") as new (options: PDFKit.PDFDocumentOptions) => Doc;
  const replaced: string[] = [];
  const t = (text: string): string => {
    const p = printable(text, fonts);
    replaced.push(...p.replaced);
    return p.text;
  };
  const registration = t(sheet.learner.registration);
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    bufferPages: true,
    info: {
      Title: `ILM mark sheet: ${registration} ${sheet.assessment.id}`,
      Subject: `${sheet.assessment.id} ${sheet.assessment.title}`,
      Author: sheet.centre.name,
      Creator: "ilm feedback",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  doc.registerFont("regular", fonts.regular);
  doc.registerFont("bold", fonts.bold);

  const font = (bold: boolean | undefined, size: number) =>
    doc.font(bold ? "bold" : "regular").fontSize(size);
  const heightOf = (cell: Cell) => {
    font(cell.bold, cell.size ?? body);
    return doc.heightOfString(cell.text || " ", { width: cell.width - 2 * PAD, lineGap: 0 }) + 2 * PAD;
  };
  /** Draws a row of cells at y (each boxed, the row as high as its tallest cell); returns the y below it. */
  const row = (y: number, cells: readonly Cell[], minHeight = 0): number => {
    const height = Math.max(minHeight, ...cells.map(heightOf));
    let x = MARGIN;
    for (const cell of cells) {
      if (cell.fill) doc.rect(x, y, cell.width, height).fill(cell.fill);
      doc.lineWidth(0.5).rect(x, y, cell.width, height).stroke("#000000");
      font(cell.bold, cell.size ?? body).fillColor("#000000");
      doc.text(cell.text, x + PAD, y + PAD, {
        width: cell.width - 2 * PAD,
        align: cell.align ?? "left",
        lineGap: 0,
      });
      x += cell.width;
    }
    return y + height;
  };
  const label = (text: string, width: number): Cell => ({ text, width, bold: true, fill: LABEL_FILL });
  const value = (text: string, width: number, bold = false): Cell => ({ text: t(text), width, bold });

  let y = MARGIN;
  // Title
  font(true, 14)
    .fillColor("#000000")
    .text("ILM mark sheet", MARGIN, y, { width: WIDTH / 2, lineBreak: false });
  font(false, body).text("Assessment feedback", MARGIN + WIDTH / 2, y + 4, {
    width: WIDTH / 2,
    align: "right",
    lineBreak: false,
  });
  y += 24;

  // Who and what
  const L = 96;
  const half = WIDTH / 2;
  const learnerName = sheet.learner.name + (sheet.learner.withdrawn ? " (withdrawn)" : "");
  y = row(y, [
    label("Centre number", L),
    value(sheet.centre.number, half - L),
    label("Centre name", L),
    value(sheet.centre.name, half - L),
  ]);
  y = row(y, [
    label("Learner reg. no.", L),
    value(sheet.learner.registration, half - L, true),
    label("Learner name", L),
    value(learnerName, half - L, true),
  ]);
  y = row(y, [
    label("Cohort", L),
    value(sheet.cohort, half - L),
    label("Date submitted", L),
    value(longDate(sheet.submitted), half - L),
  ]);
  y = row(y, [
    label("Qualification", L),
    value(`${sheet.learner.qualification.id} ${sheet.learner.qualification.title}`.trim(), WIDTH - L),
  ]);
  y = row(y, [
    label("Assessment", L),
    value(`${sheet.assessment.id}: ${sheet.assessment.title}`, WIDTH - L, true),
  ]);
  y = row(y, [
    label(sheet.assessment.units.length === 1 ? "Unit" : "Units", L),
    value(sheet.assessment.units.map((u) => `${u.id} ${u.title}`.trim()).join("\n"), WIDTH - L),
  ]);
  y += 6;
  y = row(y, [label("Rule", L), { text: sheet.rule, width: WIDTH - L, bold: true }]);
  y += 6;

  // Marks
  const marks = sheet.marks;
  if (marks.kind === "sectioned") {
    const n = 40;
    const m = 56;
    const r = 62;
    const name = WIDTH - 2 * n - 2 * m - r;
    y = row(y, [
      head("Section", name, "left"),
      head("Max", n),
      head("Min", n),
      head("Assr mark", m),
      head("QA mark", m),
      head("Section referral", r),
    ]);
    for (const s of marks.sections) {
      const fill = s.referred ? REFERRED_FILL : undefined;
      const c = (text: string, width: number, bold = false): Cell => ({
        text: t(text),
        width,
        align: "center",
        bold,
        ...(fill ? { fill } : {}),
      });
      y = row(y, [
        { text: t(`${s.number}. ${s.name}`), width: name, ...(fill ? { fill } : {}) },
        c(String(s.max), n),
        c(String(s.min), n),
        c(markText(s.mark), m, true),
        c(markText(s.qaMark), m),
        c(s.referred ? "Referred" : "", r, true),
      ]);
    }
    y = row(y, [
      { text: "Total", width: name, bold: true, fill: LABEL_FILL },
      { text: String(marks.maxTotal), width: n, align: "center", bold: true, fill: LABEL_FILL },
      { text: `${marks.passTotal}+`, width: n, align: "center", bold: true, fill: LABEL_FILL },
      { text: marks.total === null ? "" : String(marks.total), width: m, align: "center", bold: true },
      { text: marks.qaTotal === null ? "" : String(marks.qaTotal), width: m, align: "center" },
      { text: "", width: r, fill: LABEL_FILL },
    ]);
  } else {
    const id = 40;
    const pr = 62;
    const wording = WIDTH - id - 2 * pr;
    y = row(y, [
      head("AC", id, "left"),
      head("Assessment criterion", wording, "left"),
      head("P/R", pr),
      head("QA P/R", pr),
    ]);
    for (const c of marks.criteria) {
      const fill = c.referred ? REFERRED_FILL : undefined;
      const f = fill ? { fill } : {};
      y = row(y, [
        { text: t(c.id), width: id, ...f },
        { text: t(c.text ?? ""), width: wording, ...f },
        { text: t(c.result ?? ""), width: pr, align: "center", bold: true, ...f },
        { text: t(c.qaResult ?? ""), width: pr, align: "center", ...f },
      ]);
    }
  }
  y += 6;

  // Outcome
  const q = WIDTH / 4;
  y = row(y, [
    label("Outcome (assessor)", q),
    { text: outcomeText(sheet.outcome), width: q, bold: true },
    label("Outcome (QA)", q),
    { text: outcomeText(sheet.qaOutcome), width: q, bold: true },
  ]);
  const referredLabel = marks.kind === "sectioned" ? "Referred sections" : "Referred criteria";
  y = row(y, [label(referredLabel, q), { text: t(sheet.referred) || "None", width: WIDTH - q }]);
  if (sheet.messages.length > 0 && sheet.outcome !== "PASS")
    y = row(y, [label("Notes", q), { text: t(sheet.messages.join("; ")), width: WIDTH - q }]);
  y += 6;

  // Sign-off, at the foot of the page; the comments fill the space between.
  const signOff: Cell[][] = [
    [
      label("Assessor", q),
      value(sheet.assessor, q),
      label("Date assessed", q),
      value(longDate(sheet.assessed), q),
    ],
    [
      label("IQA", q),
      value(sheet.iqa, q),
      label("Date of IQA check", q),
      value(longDate(sheet.iqaChecked), q),
    ],
    [
      label("EV signature", q),
      { text: "", width: q },
      label("Date externally verified", q),
      value(longDate(sheet.externallyVerified), q),
    ],
    [
      label("Standardisation opt-out", q),
      {
        text:
          sheet.standardisationOptOut === true
            ? "Yes: the learner has opted out of this script being used for standardisation"
            : sheet.standardisationOptOut === false
              ? "No: this script may be used for standardisation"
              : "Not recorded",
        width: WIDTH - q,
      },
    ],
  ];
  const signHeights = signOff.map((cells, i) => Math.max(i === 2 ? 26 : 0, ...cells.map(heightOf)));
  const footerY = PAGE.height - MARGIN - SMALLEST - 2;
  const signY = footerY - 8 - signHeights.reduce((a, b) => a + b, 0);

  const space = signY - 8 - y - 2 * (16 + 2 * PAD) - 6;
  if (space < 2 * MIN_BOX || doc.bufferedPageRange().count !== 1) {
    doc.end();
    return null;
  }
  const fit = fitComments(doc, [t(sheet.strengths), t(sheet.improvements)], WIDTH - 2 * PAD, space, body);
  const boxes: [string, string, number][] = [
    ["Strengths", fit.texts[0] ?? "", fit.heights[0] ?? 0],
    ["Areas for improvement", fit.texts[1] ?? "", fit.heights[1] ?? 0],
  ];
  for (const [title, text, height] of boxes) {
    y = row(y, [{ text: title, width: WIDTH, bold: true, fill: LABEL_FILL }]);
    doc
      .lineWidth(0.5)
      .rect(MARGIN, y, WIDTH, height + 2 * PAD)
      .stroke("#000000");
    font(false, fit.size).fillColor("#000000");
    doc.text(text, MARGIN + PAD, y + PAD, { width: WIDTH - 2 * PAD, lineGap: 0 });
    y += height + 2 * PAD + 6;
  }

  y = signY;
  signOff.forEach((cells, i) => {
    y = row(y, cells, signHeights[i]);
  });

  // Footer
  font(false, SMALLEST)
    .fillColor("#333333")
    .text(
      t(
        `${sheet.centre.number} ${sheet.centre.name} · cohort ${sheet.cohort} · ${sheet.learner.registration} · ${sheet.assessment.id} · printed ${longDate(printed)} by ilm feedback · page 1 of 1`,
      ),
      MARGIN,
      footerY,
      { width: WIDTH, align: "center", lineBreak: false, height: SMALLEST + 2 },
    );

  const pages = doc.bufferedPageRange().count;
  doc.end();
  await ended;
  if (pages !== 1) throw new Error(`the feedback sheet took ${pages} pages instead of one`);
  return { bytes: new Uint8Array(Buffer.concat(chunks)), replaced: [...new Set(replaced)], cut: fit.cut };
}

function markText(mark: number | string | null): string {
  return mark === null ? "" : String(mark);
}

const CUT = " […] (cut to fit the page: the whole text is in the workbook)";

/**
 * The strengths and areas for improvement, sized to share `space` points: at the body size when they fit, else at
 * 8 pt, else each cut (at a word, with CUT after it) to its share. Each box is at least 40 pt high, and takes its
 * share of any space left over (room to write by hand).
 */
function fitComments(
  doc: Doc,
  texts: readonly string[],
  width: number,
  space: number,
  body: number,
): { texts: string[]; heights: number[]; size: number; cut: boolean } {
  const measure = (text: string, size: number) => {
    doc.font("regular").fontSize(size);
    return text === "" ? 0 : doc.heightOfString(text, { width, lineGap: 0 });
  };
  for (const size of [...new Set([body, SMALLEST])]) {
    const heights = texts.map((text) => Math.max(MIN_BOX, measure(text, size)));
    const total = heights.reduce((a, b) => a + b, 0);
    if (total <= space) {
      const extra = (space - total) / texts.length;
      return { texts: [...texts], heights: heights.map((h) => h + extra), size, cut: false };
    }
  }
  // Too long even at 8 pt: each text keeps what fits its share (a short one keeps all, the rest goes to the other).
  const natural = texts.map((text) => Math.max(MIN_BOX, measure(text, SMALLEST)));
  const shares = natural.map((h, i) => {
    const other = natural[1 - i] ?? 0;
    return Math.min(h, Math.max(space / 2, space - other));
  });
  let cut = false;
  const fitted = texts.map((text, i) => {
    const share = shares[i] ?? 0;
    if (measure(text, SMALLEST) <= share) return text;
    cut = true;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (measure(cutAt(text, mid), SMALLEST) <= share) lo = mid;
      else hi = mid - 1;
    }
    return cutAt(text, lo);
  });
  return { texts: fitted, heights: shares, size: SMALLEST, cut };
}

/** The first `length` characters of a text, back to the last space, then CUT. */
function cutAt(text: string, length: number): string {
  const head = text.slice(0, length);
  const space = head.lastIndexOf(" ");
  return `${(space > length / 2 ? head.slice(0, space) : head).trimEnd()}${CUT}`;
}
