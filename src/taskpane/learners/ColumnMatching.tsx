import {
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Subtitle2,
} from "@fluentui/react-components";
import { useId, useState } from "react";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import { usePanelStyles } from "../shared/panel.styles";
import type { ColumnChoice, ColumnField } from "./columnMapping";
import { choiceLabel, choiceProblems, FIELD_CHOICES, knownChoice } from "./columnMapping";
import type { RosterMatching } from "./importRows.types";
import { useLearnersStyles } from "./Learners.styles";

export interface ColumnMatchingProps {
  readonly source: string;
  readonly matching: RosterMatching;
  readonly catalogue: Catalogue;
  readonly onUse: (choices: readonly ColumnField[]) => void;
  readonly onCancel: () => void;
}

/**
 * A roster with headers of its own: a preview of each column (its header and first value) and what it holds, chosen
 * by the person. Headers ilm recognises are chosen for them, to be checked; nothing is read until every column is
 * matched or left out.
 */
export function ColumnMatching(props: ColumnMatchingProps) {
  const { source, matching, catalogue, onUse, onCancel } = props;
  const panel = usePanelStyles();
  const styles = useLearnersStyles();
  const titleId = useId();
  const [choices, setChoices] = useState<ColumnChoice[]>(() => [...matching.proposed]);
  const [tried, setTried] = useState(false);
  const problems = choiceProblems(matching.original, choices);
  const unmatched = choices.filter((c) => c === null).length;

  const use = () => {
    setTried(true);
    if (problems.length === 0) onUse(choices.filter((c): c is ColumnField => c !== null));
  };

  return (
    <section className={styles.form} aria-labelledby={titleId}>
      <Subtitle2 as="h3" id={titleId}>
        Match the columns of {source}
      </Subtitle2>
      <Caption1>
        {matching.remembered
          ? "These headers were matched before in this workbook; the same matching is chosen. Check it, then use it."
          : unmatched > 0
            ? `ilm does not know ${unmatched === 1 ? "one of these headers" : `${unmatched} of these headers`}, so it reads no column by its position. Say what each column holds, or leave it out.`
            : "The headers ilm recognised are matched for you. Check them, then use them."}
      </Caption1>
      {matching.original.map((header, i) => {
        const choice = choices[i] ?? null;
        const sample = matching.samples[i] ?? "";
        const headed = knownChoice(header, catalogue) === "asHeaded";
        return (
          <Field
            key={i}
            label={`Column ${i + 1}: ${header === "" ? "(no header)" : header}`}
            hint={sample !== "" ? `First value: ${sample}` : "No values"}
            validationMessage={tried && choice === null ? "Choose what this column holds" : undefined}
          >
            <Select
              className={styles.select}
              value={choice ?? ""}
              onChange={(_, d) =>
                setChoices((c) => c.map((v, j) => (j === i ? (d.value as ColumnField | "") || null : v)))
              }
            >
              <option value="">Choose what this column holds</option>
              <option value="ignore">Leave this column out</option>
              {headed && <option value="asHeaded">{choiceLabel("asHeaded", header)}</option>}
              {FIELD_CHOICES.map((f) => (
                <option key={f.field} value={f.field}>
                  {f.label}
                </option>
              ))}
            </Select>
          </Field>
        );
      })}
      {tried && problems.length > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The columns are not matched yet</MessageBarTitle>
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={panel.actions}>
        <Button appearance="primary" onClick={use}>
          Use these columns
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </section>
  );
}
