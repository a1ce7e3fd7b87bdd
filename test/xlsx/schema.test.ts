/**
 * Every XML part of the workbooks ilm writes validates against the ISO/IEC 29500 Transitional schemas
 * (../shared/ooxml/validate-xlsx, xmllint): the sample cohort, the golden cohorts, a workbook with a centre
 * catalogue's own assessments, one in "ILM functions" mode, and a regenerated workbook.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { generate } from "../../src/app/generate";
import type { Cohort } from "../../src/domain";
import { readXlsxContents } from "../../src/xlsx/read-contents";
import { writeXlsx } from "../../src/xlsx/write-plan";
import { VALIDATE, schemaErrors, toolOrSkip } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");
const cohortFile = (p: string) => JSON.parse(readFileSync(path.join(ROOT, p), "utf8")) as Cohort;
const canRun = toolOrSkip(
  "validate-xlsx with xmllint (../shared/ooxml, Debian's libxml2-utils)",
  existsSync(VALIDATE) && ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].some((p) => existsSync(p)),
);

const centreCatalogue = {
  format: "ilm-catalogue/1",
  name: "Northfield centre",
  assessments: [
    {
      id: "D7.01-ASSIGNMENT",
      title: "Centre assignment for D7.01",
      kind: "sectioned",
      units: ["D7.01"],
      passTotal: 50,
      sections: [
        { name: "Role of the coach", short: "Role", max: 50, min: 25 },
        { name: "Leadership performance", short: "Performance", max: 50, min: 25 },
      ],
    },
  ],
};

async function written(request: Parameters<typeof generate>[0]): Promise<Uint8Array> {
  const g = generate(request);
  if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
  return writeXlsx(g.value.plan);
}

(canRun ? describe : describe.skip)("every part of a generated workbook is schema-valid", () => {
  it.each([
    ["the sample cohort", "examples/cohort.json"],
    ["the boundaries golden cohort", "test/golden/boundaries.cohort.json"],
    ["the combinations golden cohort", "test/golden/combinations.cohort.json"],
  ])(
    "%s",
    async (_name, file) => {
      expect(await schemaErrors(await written({ what: "w", file: cohortFile(file) }))).toEqual([]);
    },
    60_000,
  );

  it("with a centre catalogue's own assessment, in ILM functions mode", async () => {
    const cohort = cohortFile("examples/cohort.json");
    const bytes = await written({
      what: "w",
      file: cohort,
      mode: "ilm",
      catalogues: [{ source: "centre.json", json: centreCatalogue }],
    });
    expect(await schemaErrors(bytes)).toEqual([]);
  }, 60_000);

  it("regenerated in place with a changed roster", async () => {
    const cohort = cohortFile("examples/cohort.json");
    const first = await written({ what: "w", file: cohort });
    const contents = await readXlsxContents(first);
    const g = generate({
      what: "w",
      contents,
      file: { ...cohort, learners: cohort.learners.slice(2) },
      prefer: "workbook",
    });
    if (!g.ok) throw new Error(JSON.stringify(g.problems.slice(0, 3)));
    expect(g.value.summary.learnersWithdrawn.length).toBe(2);
    expect(await schemaErrors(await writeXlsx(g.value.plan, first))).toEqual([]);
  }, 60_000);
});
