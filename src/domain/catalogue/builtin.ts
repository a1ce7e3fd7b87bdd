import type { Catalogue } from "./catalogue";
import { buildCatalogue } from "./catalogue";
import data from "./ilm.json";
import type { CatalogueFile } from "./schema";

/**
 * The ILM catalogue shipped with the product. It is validated against the schema by the catalogue tests, so at
 * run time it is trusted, which keeps zod out of the custom-functions bundle.
 */
export function builtinCatalogueFile(): CatalogueFile {
  return data as CatalogueFile;
}

let builtin: Catalogue | undefined;

/** The ILM catalogue, indexed once per process. */
export function builtinCatalogue(): Catalogue {
  if (!builtin) {
    const built = buildCatalogue([{ file: builtinCatalogueFile(), source: "ILM catalogue" }]);
    if (!built.ok)
      throw new Error(`The bundled ILM catalogue is inconsistent: ${built.problems[0]?.message}`);
    builtin = built.value;
  }
  return builtin;
}
