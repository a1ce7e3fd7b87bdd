import * as fs from "node:fs";
import * as path from "node:path";
import { schemaFiles, schemaText } from "../../src/cli/schemas";
import { ROOT } from "./helpers";

describe("committed JSON Schemas", () => {
  it.each(schemaFiles().map((s) => [s.file, s] as const))(
    "%s matches what the zod schema generates (run `npm run schema` after changing a zod schema)",
    (file, schema) => {
      expect(fs.readFileSync(path.join(ROOT, file), "utf8")).toBe(schemaText(schema));
    },
  );

  it("pins the cohort format and requires what the zod schema requires", () => {
    const cohort = schemaFiles()[0]?.json as {
      properties: { format: { const: string }; learners: { items: { required: string[] } } };
      required: string[];
    };
    expect(cohort.properties.format.const).toBe("ilm-cohort/1");
    expect(cohort.required).toEqual(["format", "centre", "cohort", "learners"]);
    expect(cohort.properties.learners.items.required).toEqual(["registration", "name", "qualification"]);
  });
});
