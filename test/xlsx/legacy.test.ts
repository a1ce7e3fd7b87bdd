/**
 * A workbook written by the first release (format ilm-workbook/1: the whole cohort as JSON in the hidden sheet,
 * the sheet password there too) migrates on its first regeneration without losing anything.
 * fixtures/legacy-v1.xlsx was written by that release (commit 9165ab2) with
 * `ilm workbook fixtures/legacy-v1.cohort.json --out legacy-v1.xlsx`.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { main } from "../../src/cli/main";
import { builtinCatalogue, validateCohort } from "../../src/domain";
import { canonicalCohort } from "../../src/workbook/cohort-of";
import { decodeWorkbook } from "../../src/workbook/decode";
import { readXlsxContents } from "../../src/xlsx/read-contents";
import { FIXTURES } from "./helpers";

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-legacy-"));
  await fs.copyFile(path.join(FIXTURES, "legacy-v1.xlsx"), path.join(dir, "w.xlsx"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function ilm(...args: string[]) {
  const err: string[] = [];
  const code = await main(args, {
    stdout: () => undefined,
    stderr: (t) => err.push(t),
    readFile: (p) => fs.readFile(p, "utf8"),
    cwd: dir,
  });
  return { code, err: err.join("") };
}

const catalogue = builtinCatalogue();
const shape = (id: string) => {
  const a = catalogue.assessments.get(id);
  if (!a) return undefined;
  return a.kind === "sectioned" ? { sections: a.sections.length } : { criteria: a.criteria.map((c) => c.id) };
};

describe("a workbook of the first format", () => {
  it("is read as it is: the cohort it exports is the cohort it was made from", async () => {
    expect(await ilm("export", "w.xlsx", "--out", "before.json")).toEqual({ code: 0, err: "" });
    const original = validateCohort(
      JSON.parse(await fs.readFile(path.join(FIXTURES, "legacy-v1.cohort.json"), "utf8")),
      catalogue,
    );
    if (!original.ok) throw new Error("fixture");
    const exported = JSON.parse(await fs.readFile(path.join(dir, "before.json"), "utf8"));
    expect(exported).toEqual(canonicalCohort(original.value, shape));
  });

  it("migrates on its first regeneration: nothing lost, and the hidden sheet keeps settings only", async () => {
    expect((await ilm("workbook", "--out", "w.xlsx")).code).toBe(0);
    expect(await ilm("export", "w.xlsx", "--out", "after.json")).toEqual({ code: 0, err: "" });
    const original = validateCohort(
      JSON.parse(await fs.readFile(path.join(FIXTURES, "legacy-v1.cohort.json"), "utf8")),
      catalogue,
    );
    if (!original.ok) throw new Error("fixture");
    expect(JSON.parse(await fs.readFile(path.join(dir, "after.json"), "utf8"))).toEqual(
      canonicalCohort(original.value, shape),
    );
    const contents = await readXlsxContents(new Uint8Array(await fs.readFile(path.join(dir, "w.xlsx"))));
    const decoded = decodeWorkbook(contents);
    if (!decoded.ok || !decoded.value) throw new Error("not decoded");
    expect(decoded.value.stored.format).toBe("ilm-workbook/2");
    const hidden = JSON.stringify(contents.sheets.find((s) => s.name === decoded.value?.settingsSheet)?.grid);
    for (const personal of ["Asha", "NF-001", "asha@example.org", "prefers mornings", "Clear structure"])
      expect(hidden).not.toContain(personal);
    const learners = contents.sheets.find((s) => s.name === "Learners");
    const header = learners?.grid[0] ?? [];
    const asha = learners?.grid.find((r) => r?.[0] === "NF-001") ?? [];
    expect(asha[header.indexOf("Email")]).toBe("asha@example.org");
    expect(asha[header.indexOf("Notes")]).toBe("prefers mornings");
    expect(asha[header.indexOf("IQA name")]).toBe("P. Shah");
  });

  it("kept a sheet password in its hidden sheet: the first regeneration leaves it nowhere in the file", async () => {
    const file = path.join(dir, "w.xlsx");
    const parts = unzipSync(new Uint8Array(await fs.readFile(file)));
    const strings = strFromU8(parts["xl/sharedStrings.xml"]);
    expect(strings).toContain("<t>{&quot;cohort&quot;:");
    parts["xl/sharedStrings.xml"] = strToU8(
      strings.replace(
        "<t>{&quot;cohort&quot;:",
        "<t>{&quot;protectionPassword&quot;:&quot;hunter2-legacy&quot;,&quot;cohort&quot;:",
      ),
    );
    await fs.writeFile(file, zipSync(parts));

    expect((await ilm("workbook", "--out", "w.xlsx")).code).toBe(0);
    const after = unzipSync(new Uint8Array(await fs.readFile(file)));
    for (const [name, bytes] of Object.entries(after))
      expect([name, strFromU8(bytes)]).not.toContainEqual(expect.stringContaining("hunter2"));
  });
});
