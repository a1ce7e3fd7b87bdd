import { runCli } from "./helpers";

/*
 * Cohort CSV files as spreadsheets save them: Excel on Windows's "CSV (Comma delimited)" in Windows-1252, "CSV
 * UTF-8" with a byte order mark, "Unicode Text" in UTF-16 with tabs, semicolon-separated files with or without
 * Excel's `sep=;` first line. Each is read as it is, with a note where a person should check, or refused naming why.
 */

const HEADER = "Registration No,Learner,Qualification";
const ROW = "NF-001,Siân Jones,500/3564/2";

/** Text as Windows-1252 bytes (every character here is in Latin-1, which Windows-1252 extends). */
function cp1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
}
function utf16(text: string, order: "le" | "be", bom = true): Uint8Array {
  const out: number[] = bom ? (order === "le" ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out.push(...(order === "le" ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
  }
  return Uint8Array.from(out);
}
const utf8 = (text: string) => new TextEncoder().encode(text);

async function evaluate(file: string, bytes: Uint8Array) {
  return runCli(["evaluate", file], { [file]: bytes });
}

describe("cohort CSV files in the encodings spreadsheets save", () => {
  it('reads Windows-1252 ("CSV (Comma delimited)" from Excel on Windows) as such, saying so on stderr', async () => {
    const r = await evaluate("c.csv", cp1252(`${HEADER}\r\n${ROW}\r\n`));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Siân Jones");
    expect(r.stdout).not.toContain("\uFFFD");
    expect(r.stderr).toBe(
      'ilm evaluate: c.csv is not UTF-8, so it was read as Windows-1252 (as Excel on Windows saves "CSV (Comma delimited)"): check that accented names read right (such as "Siân"), or save it from the spreadsheet as "CSV UTF-8 (Comma delimited)"\n',
    );
  });

  it("reads UTF-8, with or without a byte order mark, without a note", async () => {
    for (const bytes of [utf8(`${HEADER}\n${ROW}\n`), utf8(`\uFEFF${HEADER}\n${ROW}\n`)]) {
      const r = await evaluate("c.csv", bytes);
      expect([r.code, r.stderr]).toEqual([0, ""]);
      expect(r.stdout).toContain("Siân Jones");
    }
  });

  it('reads UTF-16 LE and BE with a byte order mark ("Unicode Text": tab-separated)', async () => {
    const text = `${HEADER}\r\n${ROW}\r\n`.replace(/,/g, "\t");
    for (const order of ["le", "be"] as const) {
      const r = await evaluate("c.txt", utf16(text, order));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Siân Jones");
      expect(r.stderr).toBe(
        "ilm evaluate: c.txt has its cells separated by tabs, not commas: read it that way\n",
      );
    }
  });

  it("refuses UTF-16 without a byte order mark, naming it and what to do", async () => {
    const r = await evaluate("c.csv", utf16(`${HEADER}\n${ROW}\n`, "le", false));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'c.csv: looks like UTF-16 LE text without a byte order mark, which cannot be read safely: save it from the spreadsheet as "CSV UTF-8 (Comma delimited)"',
    );
  });

  it("refuses a byte order mark the text does not match, a workbook named .csv and bytes no encoding explains", async () => {
    const bad = await evaluate("c.csv", Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0xe2, 0x28]));
    expect(bad.stderr).toContain(
      "c.csv: starts with the byte order mark of UTF-8 but is not valid UTF-8 text",
    );
    const zip = await evaluate("c.csv", Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
    expect(zip.stderr).toContain("c.csv: is a workbook (.xlsx) or another zip file, not CSV text");
    const odd = await evaluate("c.csv", cp1252(`${HEADER}\nNF-1,A\u0081b,500/3564/2\n`));
    expect(odd.stderr).toContain("c.csv: is neither UTF-8 nor Windows-1252 (byte 0x81 at byte 45)");
    for (const r of [bad, zip, odd]) expect([r.code, r.stdout]).toEqual([2, ""]);
  });
});

describe("semicolon-separated cohort CSV files", () => {
  const semicolons = `${HEADER}\n${ROW}\n`.replace(/,/g, ";");

  it("reads a header separated by semicolons only, saying so", async () => {
    const r = await evaluate("c.csv", utf8(semicolons));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Siân Jones");
    expect(r.stderr).toBe(
      "ilm evaluate: c.csv has its cells separated by semicolons (;), not commas: read it that way\n",
    );
  });

  it("honours Excel's sep=; first line, and numbers rows as they are in the file", async () => {
    const ok = await evaluate("c.csv", utf8(`sep=;\r\n${semicolons.replace(/\n/g, "\r\n")}`));
    expect([ok.code, ok.stderr]).toEqual([0, ""]);
    expect(ok.stdout).toContain("Siân Jones");
    const bad = await evaluate("c.csv", utf8(`sep=;\n${semicolons}NF-002;;500/3564/2\n`));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('row 4, column "Learner" (NF-002): learner name must not be empty');
  });

  it("refuses a header with semicolons and commas both, saying exactly what to do", async () => {
    const r = await evaluate(
      "c.csv",
      utf8("Registration No;Learner;Qualification, level 5\nNF-1;A;500/3564/2\n"),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'row 1: the header row has both semicolons and commas, so which separates the cells is unclear: save it from the spreadsheet as "CSV UTF-8 (Comma delimited)", or make the file\'s first line sep=; (or sep=,) to say which',
    );
  });
});

describe("ilm workbook from a Windows-1252 CSV file", () => {
  it("writes the names as the file means them, with the note on stderr", async () => {
    const fs = await import("node:fs/promises");
    const os = await import("node:os");
    const path = await import("node:path");
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-csv-"));
    try {
      const out = path.join(dir, "c.xlsx");
      const r = await runCli(["workbook", "c.csv", "--out", out], {
        "c.csv": cp1252(`${HEADER}\r\n${ROW}\r\n`),
      });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain("ilm workbook: c.csv is not UTF-8, so it was read as Windows-1252");
      const back = await runCli(["evaluate", out]);
      expect(back.stdout).toContain("Siân Jones");
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
