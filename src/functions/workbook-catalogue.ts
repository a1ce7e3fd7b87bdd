/**
 * The catalogue the ILM.* functions answer from: the ILM catalogue plus the workbook's centre catalogue files.
 * The task pane and the functions share one runtime (manifest: SharedRuntime) but are separate bundles, so the
 * pane publishes the centre files it validated under one global key, and the functions index them on first use.
 * Until the pane has loaded a workbook, the functions know the ILM catalogue only.
 */

import { buildCatalogue } from "../domain/catalogue/catalogue";
import type { Catalogue } from "../domain/catalogue/catalogue";
import { builtinCatalogue, builtinCatalogueFile } from "../domain/catalogue/builtin";
import type { CatalogueFile } from "../domain/catalogue/schema";

/** A centre catalogue file the pane has validated (parseCatalogueFile), with the name it is known by. */
export interface PublishedCatalogue {
  readonly source: string;
  readonly file: CatalogueFile;
}

const KEY = "__ilmMarkbookCentreCatalogues";

type Shared = { [KEY]?: readonly PublishedCatalogue[] };

/** Called by the task pane when it has read (or changed) the workbook's centre catalogue files. */
export function publishCentreCatalogues(files: readonly PublishedCatalogue[]): void {
  (globalThis as Shared)[KEY] = files;
}

let cached: { files: readonly PublishedCatalogue[] | undefined; catalogue: Catalogue } | undefined;

/** The catalogue to answer from now: rebuilt only when the pane has published different files. */
export function currentCatalogue(): Catalogue {
  const files = (globalThis as Shared)[KEY];
  if (cached && cached.files === files) return cached.catalogue;
  let catalogue = builtinCatalogue();
  if (files && files.length > 0) {
    const built = buildCatalogue([
      { file: builtinCatalogueFile(), source: "ILM catalogue" },
      ...files.map((f) => ({ file: f.file, source: f.source })),
    ]);
    // The pane publishes only files it validated together; should they still not combine, the ILM catalogue
    // answers rather than a half-built one.
    if (built.ok) catalogue = built.value;
  }
  cached = { files, catalogue };
  return catalogue;
}
