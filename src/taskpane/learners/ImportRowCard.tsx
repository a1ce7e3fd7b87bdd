import { Badge, Checkbox, Field, Input, Text } from "@fluentui/react-components";
import { mergeClasses } from "@fluentui/react-components";
import { useId } from "react";
import type { ImportRow } from "./importRows.types";
import { changeText } from "./importText";
import { useLearnersStyles } from "./Learners.styles";

export interface ImportRowCardProps {
  readonly header: readonly string[];
  readonly row: ImportRow;
  /** A row that had problems: its cells can be corrected in place. */
  readonly editable: boolean;
  readonly onEdit: (column: number, value: string) => void;
  readonly onLeaveOut: (leftOut: boolean) => void;
}

/**
 * A row shown on its own: one that had problems (each under its field, editable in place), or one about a learner
 * already in the cohort (what it will change, or that it changes nothing). Either can be left out on purpose.
 */
export function ImportRowCard(props: ImportRowCardProps) {
  const { header, row, editable, onEdit, onLeaveOut } = props;
  const styles = useLearnersStyles();
  const titleId = useId();
  const fixed = row.problems.length === 0;
  const update = fixed && !row.leftOut ? row.update : null;
  const unchanged = update !== null && update.changes.length === 0;
  const problemAt = new Map<number, string[]>();
  for (const p of row.problems) {
    if (p.column !== null) problemAt.set(p.column, [...(problemAt.get(p.column) ?? []), p.message]);
  }
  const rowProblems = row.problems.filter((p) => p.column === null);
  const identity = header
    .map((h, i) => (/^(learner )?(registration|reg)|^(learner|name|learner name)$/i.test(h.trim()) ? i : -1))
    .filter((i) => i >= 0);
  const shown = editable ? [...new Set([...identity, ...problemAt.keys()])].sort((a, b) => a - b) : [];
  const label = [row.cells[identity[0] ?? -1], row.cells[identity[1] ?? -1]].filter(Boolean).join(" ");

  return (
    <section
      role="group"
      aria-labelledby={titleId}
      data-row={row.row}
      className={mergeClasses(
        styles.rowCard,
        fixed && styles.rowCardFixed,
        update !== null && styles.rowCardUpdate,
        unchanged && styles.rowCardUnchanged,
        row.leftOut && styles.rowCardLeftOut,
      )}
    >
      <Text weight="semibold" id={titleId}>
        Row {row.row}
        {label ? `: ${label}` : ""}{" "}
        {row.leftOut ? (
          <Badge appearance="outline" color="subtle">
            Left out
          </Badge>
        ) : !fixed ? (
          <Badge appearance="tint" color="danger">
            {row.problems.length === 1 ? "1 problem" : `${row.problems.length} problems`}
          </Badge>
        ) : unchanged ? (
          <Badge appearance="outline" color="subtle">
            No change
          </Badge>
        ) : update !== null ? (
          <Badge appearance="tint" color="brand">
            Update
          </Badge>
        ) : (
          <Badge appearance="tint" color="success">
            Fixed
          </Badge>
        )}
      </Text>
      {!row.leftOut &&
        shown.map((column) => (
          <Field
            key={column}
            label={header[column]}
            validationMessage={problemAt.get(column)?.join("; ")}
            validationState={problemAt.has(column) ? "error" : "none"}
          >
            <Input value={row.cells[column] ?? ""} onChange={(_, d) => onEdit(column, d.value)} />
          </Field>
        ))}
      {!row.leftOut && rowProblems.map((p, i) => <Text key={i}>{p.message}</Text>)}
      {unchanged && (
        <Text>
          {update.stored.registration} is already in the cohort with these details: nothing will change.
        </Text>
      )}
      {update !== null && !unchanged && (
        <>
          <Text>
            This will update {update.stored.registration} {update.stored.name}, who is already in the cohort
            (hours, marks and outcomes not in the row are kept):
          </Text>
          <ul className={styles.changes}>
            {update.changes.map((c) => (
              <li key={c.field}>{changeText(c)}</li>
            ))}
          </ul>
        </>
      )}
      {!unchanged && (
        <Checkbox
          checked={row.leftOut}
          onChange={(_, d) => onLeaveOut(d.checked === true)}
          label="Leave this row out"
        />
      )}
    </section>
  );
}
