import { useState } from "react";
import { problemsText } from "../shared/problemsText";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import { loadCatalogue } from "../../domain/catalogue/load";
import type { Problem } from "../../domain/problems";
import type { Result } from "../../domain/problems";
import type { WorkbookState } from "../../workbook/port";
import { readFileText } from "../shared/readFileText";
import { catalogueInUse } from "./catalogueInUse";
import type { CatalogueUse } from "./catalogueInUse.types";

export type CatalogueImportStatus =
  | { readonly status: "idle" }
  | { readonly status: "reading" }
  | { readonly status: "imported"; readonly source: string }
  | { readonly status: "rejected"; readonly source: string; readonly problems: readonly Problem[] }
  | { readonly status: "in use"; readonly source: string; readonly uses: readonly CatalogueUse[] }
  | { readonly status: "removed"; readonly source: string }
  | { readonly status: "failed"; readonly error: string };

/**
 * Flow 5, importing: a centre catalogue file, checked against the schema and the catalogue before it is stored.
 * Removing: refused while learners in the cohort take a qualification or use a mark scheme the file defines.
 */
export function useCatalogueImport(
  state: WorkbookState | null,
  catalogue: Catalogue,
  save: (next: WorkbookState) => Promise<Result<void>>,
) {
  const [status, setStatus] = useState<CatalogueImportStatus>({ status: "idle" });

  const importFile = async (file: File) => {
    if (state === null) return;
    setStatus({ status: "reading" });
    const source = file.name;
    let json: unknown;
    try {
      json = JSON.parse(await readFileText(file));
    } catch (error) {
      setStatus({
        status: "rejected",
        source,
        problems: [
          { code: "not-json", source, path: [], message: `is not JSON: ${(error as Error).message}` },
        ],
      });
      return;
    }
    const others = state.centreCatalogues.filter((c) => c.source !== source);
    const loaded = loadCatalogue([...others, { source, json }]);
    if (!loaded.ok) {
      setStatus({ status: "rejected", source, problems: loaded.problems });
      return;
    }
    const result = await save({ ...state, centreCatalogues: [...others, { source, json }] });
    setStatus(
      result.ok ? { status: "imported", source } : { status: "failed", error: problemsText(result.problems) },
    );
  };

  const remove = async (source: string) => {
    if (state === null) return;
    const uses = catalogueInUse(catalogue, source, state.cohort.learners);
    if (uses.length > 0) {
      setStatus({ status: "in use", source, uses });
      return;
    }
    const result = await save({
      ...state,
      centreCatalogues: state.centreCatalogues.filter((c) => c.source !== source),
    });
    setStatus(
      result.ok ? { status: "removed", source } : { status: "failed", error: problemsText(result.problems) },
    );
  };

  return { status, importFile, remove };
}
