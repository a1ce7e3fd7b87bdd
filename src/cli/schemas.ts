import { z } from "zod";
import { CatalogueFileSchema, CohortSchema } from "../domain";

/** One committed JSON Schema file: where it lives in the repository and what it says. */
export interface SchemaFile {
  readonly file: string;
  readonly json: Record<string, unknown>;
}

/**
 * The JSON Schemas of the files ilm reads, generated from the zod schemas that validate them (zod's own
 * z.toJSONSchema), so that they cannot drift apart. Written by `npm run schema`; a test fails when the committed
 * files are stale. Rules zod checks in code (real calendar dates, a section minimum at or below its maximum, ids
 * that exist in the catalogue) are beyond JSON Schema and are described in docs/cohort-format.md.
 */
export function schemaFiles(): SchemaFile[] {
  return [
    {
      file: "schema/ilm-cohort-1.schema.json",
      json: {
        ...z.toJSONSchema(CohortSchema, { io: "input", unrepresentable: "any" }),
        $id: "https://ilm-markbook.invalid/schema/ilm-cohort-1.schema.json",
        title: "ilm-cohort/1: a centre's cohort of learners, their marks and unit outcomes",
      },
    },
    {
      file: "schema/ilm-catalogue-1.schema.json",
      json: {
        ...z.toJSONSchema(CatalogueFileSchema, { io: "input", unrepresentable: "any" }),
        $id: "https://ilm-markbook.invalid/schema/ilm-catalogue-1.schema.json",
        title: "ilm-catalogue/1: qualifications, units, mark schemes and centre settings",
      },
    },
  ];
}

/** The text written for a schema file: two-space JSON and a final newline. */
export function schemaText(schema: SchemaFile): string {
  return JSON.stringify(schema.json, null, 2) + "\n";
}
