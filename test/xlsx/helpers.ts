/** Shared helpers of the .xlsx adapter's tests: parts, schema validation, LibreOffice and Gnumeric runs. */
import { execFile } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { unzipSync } from "fflate";
import { findSoffice } from "../libreoffice/recalc";

export const FIXTURES = path.join(__dirname, "fixtures");
export const VALIDATE = path.join(__dirname, "..", "..", "..", "shared", "ooxml", "validate-xlsx");

/** A part's uncompressed bytes by name. */
export function parts(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

export function partText(bytes: Uint8Array, name: string): string {
  const p = parts(bytes)[name];
  if (!p) throw new Error(`no part ${name}`);
  return new TextDecoder().decode(p);
}

/**
 * Whether an external tool is there; when it is not, the test is skipped with a loud message, except under CI,
 * where a missing tool fails the run.
 */
export function toolOrSkip(name: string, found: boolean): boolean {
  if (found) return true;
  if (process.env.CI === "true") throw new Error(`${name} is required under CI but is not installed`);
  console.warn(`\n*** SKIPPED: ${name} is not installed; the .xlsx checks that need it did not run ***\n`);
  return false;
}

/**
 * `describe` when every tool named is installed, and always under CI (where the suite's own checks then fail loudly
 * on a missing one); otherwise `describe.skip`, after a loud warning naming what is missing and what is skipped.
 */
export function describeWhenInstalled(tools: Readonly<Record<string, unknown>>, what: string): jest.Describe {
  const missing = Object.entries(tools)
    .filter(([, found]) => !found)
    .map(([name]) => name);
  if (missing.length === 0 || process.env.CI === "true") return describe;
  console.warn(
    `\n!!! SKIPPING ${what}: ${missing.join(" and ")} not installed on this machine.\n` +
      "!!! Install them to run it; in CI (CI=true) it always runs.\n",
  );
  return describe.skip;
}

export const soffice = findSoffice();
export const ssconvert =
  ["/usr/bin/ssconvert", "/usr/local/bin/ssconvert"].find((p) => existsSync(p)) ?? null;

function run(cmd: string, args: string[], timeout = 180_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${cmd} failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout),
    );
  });
}

async function withDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-xlsx-test-"));
  try {
    return await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * validate-xlsx's failures: the schema messages of every part that fails (empty when the package is valid).
 * `allowed` lists messages that come from a part the workbook's author wrote and ilm only carries over (such as
 * LibreOffice's workbookPr/@dateCompatibility, which the 2006 Transitional schema does not know).
 */
export async function schemaErrors(bytes: Uint8Array, allowed: readonly RegExp[] = []): Promise<string[]> {
  return withDir(async (dir) => {
    const file = path.join(dir, "check.xlsx");
    await fs.writeFile(file, bytes);
    const report = await new Promise<string>((resolve) => {
      execFile(VALIDATE, [file], { maxBuffer: 64 * 1024 * 1024 }, (_e, stdout, stderr) =>
        resolve(`${stdout}\n${stderr}`),
      );
    });
    if (!/^OK\s/m.test(report)) return [`validate-xlsx did not run: ${report}`];
    return report
      .split("\n")
      .filter((l) => /Schemas validity error|parser error|^FAIL/.test(l) && !/^FAIL\s+\S+$/.test(l.trim()))
      .filter((l) => !allowed.some((a) => a.test(l)));
  });
}

/** LibreOffice's attribute that the 2006 Transitional schemas lack (Excel knows it: ISO/IEC 29500:2012). */
export const LIBREOFFICE_DATE_COMPATIBILITY =
  /attribute 'dateCompatibility': The attribute 'dateCompatibility' is not allowed/;

const profileArgs = (dir: string) => [
  `-env:UserInstallation=${pathToFileURL(path.join(dir, "profile")).href}`,
  "--headless",
  "--norestore",
  "--nolockcheck",
];

/** Every sheet as CSV rows (UTF-8, formatted text as shown), by LibreOffice: sheet name → CSV text. */
export async function sofficeCsv(bytes: Uint8Array, sheets: readonly string[]): Promise<Map<string, string>> {
  return withDir(async (dir) => {
    const file = path.join(dir, "book.xlsx");
    await fs.writeFile(file, bytes);
    // Token 12 = -1: one CSV file per sheet, named book-<sheet>.csv; formatted values (token 9).
    await run(soffice as string, [
      ...profileArgs(dir),
      "--convert-to",
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
      "--outdir",
      path.join(dir, "out"),
      file,
    ]);
    const out = new Map<string, string>();
    for (const s of sheets) {
      const f = path.join(dir, "out", `book-${s}.csv`);
      if (existsSync(f)) out.set(s, await fs.readFile(f, "utf8"));
    }
    return out;
  });
}

/** The workbook opened and saved again as .xlsx by LibreOffice. */
export async function sofficeResave(bytes: Uint8Array): Promise<Uint8Array> {
  return withDir(async (dir) => {
    const file = path.join(dir, "book.xlsx");
    await fs.writeFile(file, bytes);
    await run(soffice as string, [
      ...profileArgs(dir),
      "--convert-to",
      "xlsx:Calc Office Open XML",
      "--outdir",
      path.join(dir, "out"),
      file,
    ]);
    return new Uint8Array(await fs.readFile(path.join(dir, "out", "book.xlsx")));
  });
}

/** Every sheet as CSV by Gnumeric's ssconvert, in tab order. */
export async function gnumericCsv(bytes: Uint8Array): Promise<string[]> {
  return withDir(async (dir) => {
    const file = path.join(dir, "book.xlsx");
    await fs.writeFile(file, bytes);
    await run(ssconvert as string, ["-S", file, path.join(dir, "out.csv")]);
    const names = (await fs.readdir(dir))
      .filter((f) => f.startsWith("out.csv."))
      .sort((a, b) => Number(a.split(".").pop()) - Number(b.split(".").pop()));
    return Promise.all(names.map((n) => fs.readFile(path.join(dir, n), "utf8")));
  });
}

/** pdftoppm and pdftotext (Debian: poppler-utils), or null. */
export const pdftoppm = ["/usr/bin/pdftoppm", "/usr/local/bin/pdftoppm"].find((p) => existsSync(p)) ?? null;
export const pdftotext =
  ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].find((p) => existsSync(p)) ?? null;

/**
 * The workbook printed to PDF by LibreOffice (every visible sheet, the first tab on page 1), page 1 rendered as a
 * PNG by pdftoppm, and the text of page 1 by pdftotext.
 */
export async function sofficePdf(
  bytes: Uint8Array,
): Promise<{ pdf: Uint8Array; png: Uint8Array; pageOneText: string }> {
  return withDir(async (dir) => {
    const file = path.join(dir, "book.xlsx");
    await fs.writeFile(file, bytes);
    const out = path.join(dir, "out");
    await run(soffice as string, [...profileArgs(dir), "--convert-to", "pdf", "--outdir", out, file]);
    const pdfFile = path.join(out, "book.pdf");
    await run(pdftoppm as string, [
      "-f",
      "1",
      "-l",
      "1",
      "-r",
      "80",
      "-png",
      "-singlefile",
      pdfFile,
      path.join(out, "page"),
    ]);
    const pageOneText = await run(pdftotext as string, ["-f", "1", "-l", "1", "-layout", pdfFile, "-"]);
    return {
      pdf: new Uint8Array(await fs.readFile(pdfFile)),
      png: new Uint8Array(await fs.readFile(path.join(out, "page.png"))),
      pageOneText,
    };
  });
}

/** The worksheet part of a tab, found through workbook.xml and its relationships. */
export function sheetPart(bytes: Uint8Array, name: string): string {
  const workbook = partText(bytes, "xl/workbook.xml");
  const rels = partText(bytes, "xl/_rels/workbook.xml.rels");
  const id = new RegExp(`<sheet [^>]*name="${name.replace(/[.+]/g, "\\$&")}"[^>]*r:id="([^"]+)"`).exec(
    workbook,
  )?.[1];
  const target = new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  if (!target) throw new Error(`no part for ${name}`);
  return `xl/${target.replace(/^\/?xl\//, "")}`;
}

/** Every part a sheet reaches through its relationships (its drawing, the charts in it, notes...), by path. */
export function partsOfSheet(bytes: Uint8Array, name: string): Set<string> {
  const all = parts(bytes);
  const reached = new Set<string>();
  const visit = (part: string) => {
    if (reached.has(part)) return;
    reached.add(part);
    const slash = part.lastIndexOf("/");
    const rels = `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
    const xml = all[rels] ? new TextDecoder().decode(all[rels]) : "";
    for (const m of xml.matchAll(/Target="([^"]+)"(?![^>]*TargetMode="External")/g)) {
      const target = m[1] as string;
      const resolved = target.startsWith("/")
        ? target.slice(1)
        : path.posix.normalize(`${part.slice(0, slash)}/${target}`);
      if (all[resolved]) visit(resolved);
    }
  };
  visit(sheetPart(bytes, name));
  return reached;
}

/**
 * A workbook printed to PDF by LibreOffice: the PDF, each page's text (pdftotext), and page `pngPage` (1-based,
 * chosen from the texts) as a PNG at 80 dpi.
 */
export async function sofficePrint(
  bytes: Uint8Array,
  pngPage: (texts: readonly string[]) => number,
): Promise<{ pdf: Uint8Array; texts: string[]; png: Uint8Array }> {
  return withDir(async (dir) => {
    const file = path.join(dir, "book.xlsx");
    await fs.writeFile(file, bytes);
    const out = path.join(dir, "out");
    await run(soffice as string, [...profileArgs(dir), "--convert-to", "pdf", "--outdir", out, file]);
    const pdfFile = path.join(out, "book.pdf");
    const all = await run(pdftotext as string, ["-layout", pdfFile, "-"]);
    const texts = all.split("\f").slice(0, -1);
    const n = String(pngPage(texts));
    await run(pdftoppm as string, [
      "-f",
      n,
      "-l",
      n,
      "-r",
      "80",
      "-png",
      "-singlefile",
      pdfFile,
      path.join(out, "page"),
    ]);
    return {
      pdf: new Uint8Array(await fs.readFile(pdfFile)),
      texts,
      png: new Uint8Array(await fs.readFile(path.join(out, "page.png"))),
    };
  });
}
