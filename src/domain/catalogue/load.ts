import type { z } from "zod";
import type { Problem, Result } from "../problems";
import { formatPath } from "../problems";
import { builtinCatalogueFile } from "./builtin";
import type { Catalogue } from "./catalogue";
import { buildCatalogue } from "./catalogue";
import type { CatalogueFile } from "./schema";
import { CatalogueFileSchema } from "./schema";

/** Zod issues as problems with a JSON path, prefixed by a source name when given. */
export function zodProblems(error: z.ZodError, prefix?: string): Problem[] {
  return error.issues.map((issue) => ({
    path:
      (prefix ? `${prefix}: ` : "") +
      formatPath(issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))),
    message: issue.message,
  }));
}

/** Validates one catalogue file (already parsed from JSON). */
export function parseCatalogueFile(json: unknown, source: string): Result<CatalogueFile> {
  const parsed = CatalogueFileSchema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problems: zodProblems(parsed.error, source) };
}

/** The ILM catalogue plus centre catalogue files, each validated, merged and cross-checked. */
export function loadCatalogue(
  centreFiles: readonly { json: unknown; source: string }[] = [],
): Result<Catalogue> {
  const files = [{ file: builtinCatalogueFile(), source: "ILM catalogue" }];
  const problems: Problem[] = [];
  for (const { json, source } of centreFiles) {
    const parsed = parseCatalogueFile(json, source);
    if (parsed.ok) files.push({ file: parsed.value, source });
    else problems.push(...parsed.problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  return buildCatalogue(files);
}
