import type { Catalogue } from "../../domain/catalogue/catalogue";
import { builtinCatalogue } from "../../domain/catalogue/builtin";
import { loadCatalogue, parseCatalogueFile } from "../../domain/catalogue/load";
import type { PublishedCatalogue } from "../../functions/workbook-catalogue";
import type { Problem } from "../../domain/problems";
import type { WorkbookState } from "../../workbook/port";

export interface PaneCatalogue {
  readonly catalogue: Catalogue;
  /** Problems with the centre catalogue files stored in the workbook (the ILM catalogue is used alone then). */
  readonly problems: readonly Problem[];
  /** The centre files, validated, for the ILM.* functions in the same runtime (none when they have problems). */
  readonly files: readonly PublishedCatalogue[];
}

/** The ILM catalogue plus the centre catalogue files stored in the workbook. */
export function catalogueFor(state: WorkbookState | null): PaneCatalogue {
  const centre = state?.centreCatalogues ?? [];
  if (centre.length === 0) return { catalogue: builtinCatalogue(), problems: [], files: [] };
  const loaded = loadCatalogue(centre.map((c) => ({ json: c.json, source: c.source })));
  if (!loaded.ok) return { catalogue: builtinCatalogue(), problems: loaded.problems, files: [] };
  const files = centre.flatMap((c) => {
    const parsed = parseCatalogueFile(c.json, c.source);
    return parsed.ok ? [{ source: c.source, file: parsed.value }] : [];
  });
  return { catalogue: loaded.value, problems: [], files };
}
