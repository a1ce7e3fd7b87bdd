import { existsSync } from "node:fs";
import { ALLOWED } from "../../src/workbook/validations";
import type { Cell, WorkbookPlan } from "../../src/workbook/plan";
import { readContentsSync } from "../../src/xlsx/read-contents";
import { writeXlsxSync } from "../../src/xlsx/write-plan";
import { VALIDATE, partText, schemaErrors, soffice, sofficeResave, toolOrSkip } from "./helpers";

/** Texts a person may type, and what Excel's file format must carry exactly. */
const TEXTS = [
  "tab\there",
  "line one\nline two",
  "carriage\r\nreturn",
  "Asha\vPatel",
  "bell\u0007 and nul\u0000",
  "not a character \uFFFE\uFFFF",
  "_x000D_",
  "_x005F_x000D_ and _xABCD_",
  "=SUM(A1)",
  "'leading apostrophe",
  "+44 7700 900123",
  "  spaces kept  ",
  "emoji 👩🏽‍🏫 and a lone \uD83D surrogate",
  "Siân ap Dafydd, Llanfairpwllgwyngyll",
  "王秀英 李娜",
  '<b>&amp; "quoted"</b>',
  "",
];

/**
 * The texts that survive LibreOffice opening and saving the file again. It drops C0 controls other than tab and
 * line feed, non-characters and lone surrogates, turns CR LF into LF, and its own export writes a literal
 * "_x005F_x000D_" unescaped once (it reads ilm's escape correctly; its writer loses one level).
 */
const LIBREOFFICE_TEXTS = TEXTS.filter(
  (t) =>
    ![...t].some((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return (code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0xfffe || code === 0xffff;
    }) &&
    !/\uD83D(?![\uDC00-\uDFFF])/.test(t) &&
    !t.includes("_x005F_"),
);

function plan(texts: readonly string[]): WorkbookPlan {
  const rows: Cell[][] = texts.map((t, i) => [
    { t: "text", v: `R${i}` },
    t === "" ? null : { t: "text", v: t },
  ]);
  return {
    mode: "portable",
    sheets: [
      {
        name: "Texts",
        kind: "learners",
        table: {
          name: "Texts",
          columns: [
            { key: "k", header: "Key", role: "identity", numberFormat: "@", width: 8 },
            { key: "t", header: "Text", role: "entry", numberFormat: "@", width: 40 },
          ],
          rows,
          keys: rows.map((_, i) => `R${i}`),
        },
        conditionalFormats: [],
        freeze: { rows: 1, columns: 0 },
        protection: { protect: false, allow: ALLOWED },
        print: { landscape: false, fitToWidth: false, repeatHeaderRow: false },
        visibility: "visible",
      },
    ],
  };
}

const column = (bytes: Uint8Array) =>
  (readContentsSync(bytes).sheets[0]?.grid ?? []).slice(1).map((r) => (r?.[1] === undefined ? null : r[1]));

describe("text cells", () => {
  const bytes = writeXlsxSync(plan(TEXTS));

  it("read back exactly as written, controls, surrogates and Excel's own escapes included", () => {
    expect(column(bytes)).toEqual(TEXTS.map((t) => (t === "" ? null : t)));
  });

  it("are written as text, never as formulas, with forbidden characters escaped the way Excel escapes them", () => {
    const sst = partText(bytes, "xl/sharedStrings.xml");
    const sheet = partText(bytes, "xl/worksheets/sheet1.xml");
    expect(sheet).not.toContain("<f>");
    expect(sst).toContain("Asha_x000B_Patel");
    expect(sst).toContain("_x005F_x000D_");
    expect(sst).toContain("a lone _xD83D_ surrogate");
    expect(sst).toContain("carriage&#13;\nreturn");
    expect(sst).toContain("&lt;b&gt;&amp;amp;");
  });

  it("pass the schemas", async () => {
    if (!toolOrSkip("shared/ooxml/validate-xlsx", existsSync(VALIDATE))) return;
    expect(await schemaErrors(bytes)).toEqual([]);
  }, 60_000);

  it("come through LibreOffice as typed", async () => {
    if (!toolOrSkip("LibreOffice", soffice !== null)) return;
    const resaved = await sofficeResave(writeXlsxSync(plan(LIBREOFFICE_TEXTS)));
    expect(column(resaved)).toEqual(LIBREOFFICE_TEXTS.map((t) => (t === "" ? null : t)));
  }, 120_000);

  it("longer than Excel's 32,767 characters are refused", () => {
    expect(() => writeXlsxSync(plan(["x".repeat(32_768)]))).toThrow(/32767/);
    expect(column(writeXlsxSync(plan(["x".repeat(32_767)])))[0]).toHaveLength(32_767);
  });
});
