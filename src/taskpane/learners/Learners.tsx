import {
  Button,
  Caption1,
  Divider,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
} from "@fluentui/react-components";
import { problemsText } from "../shared/problemsText";
import { useRef, useState } from "react";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import type { Learner } from "../../domain/cohort/schema";
import type { Result } from "../../domain/problems";
import type { WorkbookState } from "../../workbook/port";
import { usePreferences } from "../preferences/PreferencesContext";
import { usePort } from "../state/PortContext";
import { usePanelStyles } from "../shared/panel.styles";
import { ConfirmDialog } from "../shared/ConfirmDialog";
import { LearnerForm } from "./LearnerForm";
import { useLearnersStyles } from "./Learners.styles";
import { LearnerList } from "./LearnerList";
import type { LearnerFilter } from "./learnerSearch";
import { shows } from "./learnerSearch";
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
  const styles = useLearnersStyles();
  const [editing, setEditing] = useState<Learner | "new" | null>(null);
  /** The open form holds edits not saved yet. */
  const [dirty, setDirty] = useState(false);
  /** Where the person asked to go while the form had unsaved edits (waiting for them to confirm). */
  const [pending, setPending] = useState<Learner | "new" | null>(null);
  const [search, setSearch] = useState("");
  const [filter, setFilter] = useState<LearnerFilter>("all");
  /** The learner last removed, to say so, and whether the workbook read back still lists them. */
  const [removed, setRemoved] = useState<{ readonly learner: Learner; readonly kept: boolean } | null>(null);
  const port = usePort();
  const addButton = useRef<HTMLButtonElement>(null);
  const learners = state.cohort.learners;
  const withdrawnCount = learners.filter((l) => l.withdrawn === true).length;

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
    setDirty(false);
    requestAnimationFrame(() => addButton.current?.focus());
  };

  /** Opens the form on another learner (or a new one), asking first when the open form has unsaved edits. */
  const requestEdit = (next: Learner | "new") => {
    if (editing !== null && dirty && next !== editing) setPending(next);
    else setEditing(next);
  };

  const me = preferences.myName.trim();
  const defaults = {
    ...(only ? { qualification: only } : {}),
    ...(me !== "" ? { [preferences.role]: me } : {}),
  };

  const shown = learners.filter((l) => shows(l, search, filter));
  const editingName = editing === "new" ? "the new learner" : editing?.name;

  return (
    <div className={panel.root}>
      <section className={panel.section} aria-labelledby="cohort-learners">
        <Subtitle2 as="h2" id="cohort-learners">
          Learners in {state.cohort.cohort}
        </Subtitle2>
        <Caption1 className={panel.hint}>
          {learners.length === 0
            ? "No learners yet."
            : `${learners.length} ${learners.length === 1 ? "learner" : "learners"} in the cohort${
                withdrawnCount > 0 ? ` (${withdrawnCount} withdrawn)` : ""
              }.`}
        </Caption1>
        {editing === null && (
          <div className={panel.actions}>
            <Button ref={addButton} onClick={() => requestEdit("new")}>
              Add a learner
            </Button>
          </div>
        )}
        {removed !== null && !removed.kept && (
          <MessageBar intent="success">
            <MessageBarBody>{removed.learner.registration} was removed from the cohort.</MessageBarBody>
          </MessageBar>
        )}
        {removed?.kept === true && (
          <MessageBar intent="warning">
            <MessageBarBody>
              The workbook still lists {removed.learner.registration} {removed.learner.name}: ilm keeps every
              learner it has written, so they show again when the pane next reads the workbook. Withdraw them
              instead, so that they count only as withdrawn.
            </MessageBarBody>
          </MessageBar>
        )}
        <ConfirmDialog
          open={pending !== null}
          title="Discard your changes?"
          confirm="Discard changes"
          cancel="Keep editing"
          onConfirm={() => {
            setEditing(pending);
            setDirty(false);
            setPending(null);
          }}
          onCancel={() => setPending(null)}
        >
          The form for {editingName} has changes that are not saved. Discard them and{" "}
          {pending === "new" ? "add a new learner" : `edit ${pending === null ? "" : pending.name}`}?
        </ConfirmDialog>
        {editing !== null && (
          <LearnerForm
            key={editing === "new" ? "new" : editing.registration}
            original={editing === "new" ? null : editing}
            others={learners.filter((l) => editing === "new" || l !== editing)}
            catalogue={catalogue}
            defaults={defaults}
            qualifications={qualifications}
            assessors={assessors}
            onDirtyChange={setDirty}
            onSave={(learner) =>
              writeLearners(
                editing === "new"
                  ? [...learners, learner]
                  : learners.map((l) => (l === editing ? learner : l)),
              )
            }
            onRemove={async (learner) => {
              const error = await writeLearners(learners.filter((l) => l !== learner));
              if (error !== null) return error;
              // The workbook is the record: read it back to say truthfully whether the learner is gone.
              const after = await port.loadState();
              const kept =
                after.ok &&
                (after.value?.cohort.learners.some((l) => l.registration === learner.registration) ?? false);
              setRemoved({ learner, kept });
              return null;
            }}
            onClose={closeForm}
          />
        )}
        {learners.length > 0 && (
          <div className={styles.filters}>
            <Field label="Find a learner">
              <Input
                type="search"
                value={search}
                placeholder="Registration No or name"
                onChange={(_, d) => setSearch(d.value)}
              />
            </Field>
            <Field label="Show">
              <Select
                className={styles.select}
                value={filter}
                onChange={(_, d) => setFilter(d.value as LearnerFilter)}
              >
                <option value="all">All learners</option>
                <option value="active">Active</option>
                <option value="withdrawn">Withdrawn</option>
              </Select>
            </Field>
          </div>
        )}
        {learners.length > 0 && shown.length < learners.length && (
          <Caption1 role="status">
            {shown.length === 0
              ? `No learner matches${search.trim() !== "" ? ` "${search.trim()}"` : ""}${
                  filter !== "all" ? ` among the ${filter} learners` : ""
                }.`
              : `Showing ${shown.length} of ${learners.length} learners.`}
          </Caption1>
        )}
        {shown.length > 0 && <LearnerList learners={shown} onEdit={(l) => requestEdit(l)} />}
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
