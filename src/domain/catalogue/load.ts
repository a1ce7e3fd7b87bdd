import type { Problem, Result } from "../problems";
import { reservedKeyProblems } from "../reserved";
import { PARSE_OPTIONS, zodProblems } from "../zodProblems";
import { builtinCatalogueFile } from "./builtin";
import type { Catalogue } from "./catalogue";
import { buildCatalogue } from "./catalogue";
import type { CatalogueFile } from "./schema";
import { CatalogueFileSchema } from "./schema";

/** Validates one catalogue file (already parsed from JSON). */
export function parseCatalogueFile(json: unknown, source: string): Result<CatalogueFile> {
  const parsed = CatalogueFileSchema.safeParse(json, PARSE_OPTIONS);
  const problems = [
    ...reservedKeyProblems(json).map((p) => ({ ...p, source })),
    ...(parsed.success ? [] : zodProblems(parsed.error, { source })),
  ];
  return parsed.success && problems.length === 0 ? { ok: true, value: parsed.data } : { ok: false, problems };
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
