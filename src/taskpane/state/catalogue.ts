import type { Catalogue } from "../../domain/catalogue/catalogue";
import { builtinCatalogue } from "../../domain/catalogue/builtin";
import { loadCatalogue } from "../../domain/catalogue/load";
import type { Problem } from "../../domain/problems";
import type { WorkbookState } from "../../workbook/port";

export interface PaneCatalogue {
  readonly catalogue: Catalogue;
  /** Problems with the centre catalogue files stored in the workbook (the ILM catalogue is used alone then). */
  readonly problems: readonly Problem[];
}

/** The ILM catalogue plus the centre catalogue files stored in the workbook. */
export function catalogueFor(state: WorkbookState | null): PaneCatalogue {
  const centre = state?.centreCatalogues ?? [];
  if (centre.length === 0) return { catalogue: builtinCatalogue(), problems: [] };
  const loaded = loadCatalogue(centre.map((c) => ({ json: c.json, source: c.source })));
  return loaded.ok
    ? { catalogue: loaded.value, problems: [] }
    : { catalogue: builtinCatalogue(), problems: loaded.problems };
}
