import { Body1Strong, Button, Caption1, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { IqaDecisionInput } from "../../app/iqa-decision";
import type { IqaSampleRow } from "../../app/port";
import type { Result } from "../../domain/problems";
import { usePanelStyles } from "../shared/panel.styles";
import { DecisionForm } from "./DecisionForm";
import { useIqaStyles } from "./Iqa.styles";
import { assessorLabel, decisionText, qaText } from "./sampleView";

export interface SampleListProps {
  readonly rows: readonly IqaSampleRow[];
  readonly labelledBy: string;
  readonly goTo: (row: IqaSampleRow) => void;
  readonly decide: (input: IqaDecisionInput) => Promise<Result<void>>;
}

/** The rows in the sample, each with why it is there, its QA outcome, a way to its row and its decision form. */
export function SampleList(props: SampleListProps) {
  const styles = useIqaStyles();
  return (
    <ul className={styles.list} aria-labelledby={props.labelledBy}>
      {props.rows.map((row) => (
        <SampleRowItem
          key={`${row.registration}\u0000${row.assessment}`}
          row={row}
          goTo={props.goTo}
          decide={props.decide}
        />
      ))}
    </ul>
  );
}

function SampleRowItem(props: { row: IqaSampleRow } & Pick<SampleListProps, "goTo" | "decide">) {
  const { row } = props;
  const styles = useIqaStyles();
  const panel = usePanelStyles();
  const [open, setOpen] = useState(false);
  const decided = decisionText(row);
  const formId = `iqa-decide-${row.registration}-${row.assessment}`.replace(/[^A-Za-z0-9_-]/g, "_");
  const who = `${row.learner} ${row.registration}, ${row.assessment}`;

  return (
    <li className={styles.item} aria-label={who}>
      <Body1Strong>
        {row.learner} <span className={styles.meta}>{row.registration}</span>
      </Body1Strong>
      <Text>
        {row.assessment} · {assessorLabel(row.assessor)} · {row.outcome}
      </Text>
      <Caption1>Why: {row.recorded ?? row.reasons.join("; ")}</Caption1>
      <Caption1>
        {qaText(row)}
        {row.disagrees ? " · disagrees with the assessor" : ""}
      </Caption1>
      <Caption1 className={styles.meta}>{decided ?? "No IQA decision yet"}</Caption1>
      <div className={panel.actions}>
        <Button
          size="small"
          disabled={row.place === null}
          aria-label={`Go to row of ${row.learner}, ${row.assessment}`}
          onClick={() => props.goTo(row)}
        >
          Go to row
        </Button>
        <Button
          size="small"
          aria-expanded={open}
          aria-controls={open ? formId : undefined}
          aria-label={`Record decision for ${row.learner}, ${row.assessment}`}
          onClick={() => setOpen((o) => !o)}
        >
          Record decision
        </Button>
      </div>
      {open && (
        <div id={formId}>
          <DecisionForm row={row} decide={props.decide} />
        </div>
      )}
    </li>
  );
}
