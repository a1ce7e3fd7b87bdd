import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Textarea,
} from "@fluentui/react-components";
import { FilePickerButton } from "../shared/FilePickerButton";
import { usePanelStyles } from "../shared/panel.styles";
import { ColumnMatching } from "./ColumnMatching";
import { choiceLabel } from "./columnMapping";
import { ImportRowCard } from "./ImportRowCard";
import { commitLabel, committedText, readText } from "./importText";
import { useLearnersStyles } from "./Learners.styles";
import type { PasteImportOptions } from "./usePasteImport";
import { usePasteImport } from "./usePasteImport";

/** Flow 2, many learners: rows pasted from Excel or a CSV file, every row checked, nothing written until right. */
export function PasteImport(props: PasteImportOptions) {
  const panel = usePanelStyles();
  const styles = useLearnersStyles();
  const {
    text,
    table,
    shownRows,
    editableRows,
    plan,
    blocking,
    outcome,
    paste,
    importFile,
    editCell,
    leaveOut,
    clear,
    commit,
    matchColumns,
    changeColumns,
  } = usePasteImport(props);

  return (
    <section className={panel.section} aria-labelledby="bring-in-learners">
      <Subtitle2 as="h2" id="bring-in-learners">
        Bring in learners
      </Subtitle2>
      <Caption1 className={panel.hint}>
        Copy the rows in Excel, header row included, and paste them here, or import a CSV file. Nothing is
        written to the workbook until every row is right or left out.
      </Caption1>
      <Field label="Rows copied from Excel">
        <Textarea
          className={styles.pasteArea}
          resize="vertical"
          rows={4}
          value={text}
          placeholder={"Registration No\tLearner\tQualification\tAssessor\tRegistered"}
          onChange={(_, d) => paste(d.value)}
        />
      </Field>
      <div className={panel.actions}>
        <FilePickerButton
          label="Import a CSV file…"
          inputLabel="CSV file of learners"
          accept=".csv,.tsv,.txt,text/csv"
          onFile={(file) => void importFile(file)}
        />
        {table && <Button onClick={clear}>Clear</Button>}
      </div>

      {table?.matching && (
        <ColumnMatching
          key={`${table.source}:${table.matching.original.join("\u0000")}`}
          source={table.source}
          matching={table.matching}
          catalogue={props.catalogue}
          onUse={matchColumns}
          onCancel={clear}
        />
      )}
      {table?.matched && (
        <div className={panel.actions}>
          <Caption1>
            Columns read as matched:{" "}
            {table.matched.original
              .map((h, i) => {
                const c = table.matched?.choices[i];
                return c === undefined ? h : `${h} → ${choiceLabel(c, h)}`;
              })
              .join("; ")}
            .
          </Caption1>
          <Button size="small" onClick={changeColumns}>
            Change the columns
          </Button>
        </div>
      )}

      {table && table.problems.length > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{table.source} cannot be used</MessageBarTitle>
            <ul>
              {table.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}

      <div role="status" aria-live="polite">
        {table && table.problems.length === 0 && !table.matching && (
          <Caption1>{readText(table.rows.length, table.source, plan, blocking)}</Caption1>
        )}
        {table && table.problems.length === 0 && (table.notes?.length ?? 0) > 0 && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>How the file was read</MessageBarTitle>
              <ul>
                {table.notes?.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
        {outcome.status === "added" && (
          <MessageBar intent="success">
            <MessageBarBody>
              {committedText(outcome.added, outcome.updated, outcome.leftOut)} Generate the mark sheets on the
              Workbook tab to write them into the tabs.
            </MessageBarBody>
          </MessageBar>
        )}
        {outcome.status === "failed" && (
          <MessageBar intent="error">
            <MessageBarBody>Nothing was written: {outcome.error}</MessageBarBody>
          </MessageBar>
        )}
      </div>

      {table &&
        shownRows.map((row) => (
          <ImportRowCard
            key={row.row}
            header={table.header}
            row={row}
            editable={editableRows.has(row.row)}
            onEdit={(column, value) => editCell(row.row, column, value)}
            onLeaveOut={(on) => leaveOut(row.row, on)}
          />
        ))}

      {table && table.rows.length > 0 && (
        <div className={panel.actions}>
          <Button
            appearance="primary"
            disabled={
              blocking > 0 || plan.added.length + plan.updated.length === 0 || outcome.status === "saving"
            }
            onClick={() => void commit()}
          >
            {commitLabel(plan)}
          </Button>
          {blocking > 0 && <Caption1 className={panel.hint}>Fix or leave out the rows above first.</Caption1>}
        </div>
      )}
    </section>
  );
}
