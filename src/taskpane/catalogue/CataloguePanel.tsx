import {
  Button,
  Caption1,
  Divider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Problem } from "../../domain/problems";
import type { Result } from "../../domain/problems";
import type { WorkbookState } from "../../workbook/port";
import { FilePickerButton } from "../shared/FilePickerButton";
import { ProblemList } from "../shared/ProblemList";
import { usePanelStyles } from "../shared/panel.styles";
import { CatalogueBrowser } from "./CatalogueBrowser";
import { inUseText } from "./catalogueInUse";
import { useCatalogueImport } from "./useCatalogueImport";

export interface CataloguePanelProps {
  readonly state: WorkbookState | null;
  readonly catalogue: Catalogue;
  /** Problems with the centre catalogues stored in the workbook, if they no longer fit together. */
  readonly storedProblems: readonly Problem[];
  readonly save: (next: WorkbookState) => Promise<Result<void>>;
}

/** Flow 5: browse the catalogue; import a centre catalogue file into the workbook. */
export function CataloguePanel(props: CataloguePanelProps) {
  const { state, catalogue, storedProblems, save } = props;
  const panel = usePanelStyles();
  const { status, importFile, remove } = useCatalogueImport(state, catalogue, save);

  return (
    <div className={panel.root}>
      <section className={panel.section} aria-labelledby="catalogue-title">
        <Subtitle2 as="h2" id="catalogue-title">
          Qualifications, units and mark schemes
        </Subtitle2>
        {storedProblems.length > 0 && (
          <ProblemList
            title="The centre catalogues in this workbook do not fit together"
            problems={storedProblems}
          />
        )}
        <CatalogueBrowser catalogue={catalogue} />
      </section>
      <Divider />
      <section className={panel.section} aria-labelledby="centre-catalogue-title">
        <Subtitle2 as="h2" id="centre-catalogue-title">
          Centre catalogue
        </Subtitle2>
        <Caption1 className={panel.hint}>
          A centre catalogue file (ilm-catalogue/1 JSON) adds qualifications, units and mark schemes the
          specifications leave out. It is stored in this workbook.
        </Caption1>
        {state === null ? (
          <MessageBar intent="info">
            <MessageBarBody>
              Set up the workbook first: the centre catalogue is stored with the cohort.
            </MessageBarBody>
          </MessageBar>
        ) : (
          <>
            {state.centreCatalogues.map((c) => (
              <div key={c.source} className={panel.actions}>
                <Text>{c.source}</Text>
                <Button size="small" onClick={() => void remove(c.source)}>
                  Remove {c.source}
                </Button>
              </div>
            ))}
            <div className={panel.actions}>
              <FilePickerButton
                label="Import a centre catalogue…"
                inputLabel="Centre catalogue file"
                accept=".json,application/json"
                onFile={(file) => void importFile(file)}
              />
            </div>
          </>
        )}
        <div aria-live="polite">
          {status.status === "imported" && (
            <MessageBar intent="success">
              <MessageBarBody>{status.source} imported and stored in this workbook.</MessageBarBody>
            </MessageBar>
          )}
          {status.status === "removed" && (
            <MessageBar intent="success">
              <MessageBarBody>{status.source} removed from this workbook.</MessageBarBody>
            </MessageBar>
          )}
          {status.status === "in use" && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>
                  {status.source} was not removed: learners in the cohort rely on it
                </MessageBarTitle>
                <ul>
                  {status.uses.map((u) => (
                    <li key={`${u.kind}:${u.id}`}>{inUseText(u)}</li>
                  ))}
                </ul>
                Without the file their qualification or mark sheet would be unknown. Change their
                qualification (Edit on the Learners tab) first.
              </MessageBarBody>
            </MessageBar>
          )}
          {status.status === "rejected" && (
            <ProblemList title={`${status.source} was not imported`} problems={status.problems} />
          )}
          {status.status === "failed" && (
            <MessageBar intent="error">
              <MessageBarBody>Not saved: {status.error}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      </section>
    </div>
  );
}
