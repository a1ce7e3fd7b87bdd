import { Button, Caption1, Divider, MessageBar, MessageBarBody, Subtitle2 } from "@fluentui/react-components";
import { problemsText } from "../shared/problemsText";
import { useRef, useState } from "react";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Learner } from "../../domain/cohort/schema";
import type { Result } from "../../domain/problems";
import type { WorkbookState } from "../../workbook/port";
import { usePreferences } from "../preferences/PreferencesContext";
import { usePanelStyles } from "../shared/panel.styles";
import { LearnerForm } from "./LearnerForm";
import { LearnerList } from "./LearnerList";
import { applyImport } from "./learnerUpdate";
import type { SetupSettings } from "../../workbook/settings";
import type { ColumnField } from "./columnMapping";
import { rememberChoices } from "./columnMapping";
import { PasteImport } from "./PasteImport";

export interface LearnersProps {
  /** The workbook state; the Learners tab is only offered once the cohort is set up. */
  readonly state: WorkbookState;
  readonly catalogue: Catalogue;
  readonly save: (next: WorkbookState) => Promise<Result<void>>;
}

/** Flow 2: the cohort's learners, one at a time or many pasted or imported at once. */
export function Learners(props: LearnersProps) {
  const { state, catalogue, save } = props;
  const panel = usePanelStyles();
  const { preferences } = usePreferences();
  const [editing, setEditing] = useState<Learner | "new" | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const learners = state.cohort.learners;

  const offered = state.setup?.qualifications ?? [...new Set(learners.map((l) => l.qualification))];
  const qualifications = offered
    .map((id) => catalogue.qualifications.get(id))
    .filter((q) => q !== undefined)
    .map((q) => ({ id: q.id, title: q.title }));
  const only = qualifications.length === 1 ? qualifications[0]?.id : undefined;
  const assessors = state.setup?.assessors ?? [];

  const setup = state.setup as SetupSettings | undefined;

  /** Writes the learners; with a roster's column matching, remembered in the settings for the same headers. */
  const writeLearners = async (
    next: readonly Learner[],
    matched?: { readonly original: readonly string[]; readonly choices: readonly ColumnField[] },
  ): Promise<string | null> => {
    const remembered: SetupSettings | undefined =
      matched === undefined
        ? undefined
        : {
            ...(setup ?? { qualifications: offered, assessors: [] }),
            rosterColumns: rememberChoices(setup, matched.original, matched.choices),
          };
    const result = await save({
      ...state,
      cohort: { ...state.cohort, learners: [...next] },
      ...(remembered !== undefined ? { setup: remembered } : {}),
    });
    return result.ok ? null : problemsText(result.problems);
  };

  const closeForm = () => {
    setEditing(null);
    requestAnimationFrame(() => addButton.current?.focus());
  };

  const me = preferences.myName.trim();
  const defaults = {
    ...(only ? { qualification: only } : {}),
    ...(me !== "" ? { [preferences.role]: me } : {}),
  };

  return (
    <div className={panel.root}>
      <section className={panel.section} aria-labelledby="cohort-learners">
        <Subtitle2 as="h2" id="cohort-learners">
          Learners in {state.cohort.cohort}
        </Subtitle2>
        <Caption1 className={panel.hint}>
          {learners.length === 0
            ? "No learners yet."
            : `${learners.length} ${learners.length === 1 ? "learner" : "learners"} in the cohort.`}
        </Caption1>
        {editing === null && (
          <div className={panel.actions}>
            <Button ref={addButton} onClick={() => setEditing("new")}>
              Add a learner
            </Button>
          </div>
        )}
        {editing !== null && (
          <LearnerForm
            key={editing === "new" ? "new" : editing.registration}
            original={editing === "new" ? null : editing}
            others={learners.filter((l) => editing === "new" || l !== editing)}
            catalogue={catalogue}
            defaults={defaults}
            qualifications={qualifications}
            assessors={assessors}
            onSave={(learner) =>
              writeLearners(
                editing === "new"
                  ? [...learners, learner]
                  : learners.map((l) => (l === editing ? learner : l)),
              )
            }
            onClose={closeForm}
          />
        )}
        {learners.length > 0 && <LearnerList learners={learners} onEdit={(l) => setEditing(l)} />}
      </section>
      <Divider />
      {qualifications.length === 0 ? (
        <MessageBar intent="warning">
          <MessageBarBody>
            Choose the cohort's qualifications on the Set up tab before adding learners.
          </MessageBarBody>
        </MessageBar>
      ) : (
        <PasteImport
          catalogue={catalogue}
          cohortLearners={learners}
          defaultQualification={only}
          setup={setup}
          commitImport={(added, updated, matched) =>
            writeLearners(applyImport(learners, added, updated), matched)
          }
        />
      )}
    </div>
  );
}
