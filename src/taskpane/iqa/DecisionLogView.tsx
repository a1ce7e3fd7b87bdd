import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { usePanelStyles } from "../shared/panel.styles";
import { useIqaStyles } from "./Iqa.styles";
import { useLogView } from "./useLogView";

/** How many of the matching rows are listed at once (the newest). */
const SHOWN = 50;

/** The Decision log, newest first, filtered by learner, registration or assessment and by field. */
export function DecisionLogView(props: {
  /** Changes whenever the log may have grown: the viewer reads it again. */
  readonly writes: number;
}) {
  const panel = usePanelStyles();
  const styles = useIqaStyles();
  const { read, filter, shown, total, fields, setText, setField, readAgain } = useLogView(props.writes);

  return (
    <section className={panel.section} aria-labelledby="iqa-log-title">
      <Subtitle2 as="h2" id="iqa-log-title">
        Decision log
      </Subtitle2>
      <Caption1 className={panel.hint}>
        Every decision recorded in this workbook: who, when and from where. Newest first.
      </Caption1>
      <Field label="Learner, registration or assessment">
        <Input type="search" value={filter.text} onChange={(_, d) => setText(d.value)} />
      </Field>
      <Field label="Field" className={styles.narrowField}>
        <Select
          className={styles.narrowSelect}
          select={{ className: styles.narrowSelectElement }}
          value={filter.field}
          onChange={(_, d) => setField(d.value)}
        >
          <option value="">Every field</option>
          {fields.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </Select>
      </Field>
      <div className={panel.actions}>
        <Button size="small" onClick={readAgain} disabled={read.status === "reading"}>
          Read the log again
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {read.status === "reading" && <Caption1>Reading the Decision log…</Caption1>}
        {read.status === "failed" && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>The Decision log could not be read: {read.error}</MessageBarBody>
          </MessageBar>
        )}
        {read.status === "read" && (
          <Caption1>
            {shown.length === total
              ? `${total} ${total === 1 ? "row" : "rows"}`
              : `${shown.length} of ${total} rows match`}
            {shown.length > SHOWN ? `; the newest ${SHOWN} are listed` : ""}
          </Caption1>
        )}
      </div>
      {read.status === "read" && shown.length === 0 && (
        <Body1>{total === 0 ? "Nothing is recorded yet." : "No row matches the filter."}</Body1>
      )}
      {shown.length > 0 && (
        <ul className={styles.list} aria-labelledby="iqa-log-title">
          {shown.slice(0, SHOWN).map((e, i) => (
            <li
              key={`${e.when}\u0000${e.registration}\u0000${e.what}\u0000${e.field}\u0000${i}`}
              className={styles.logEntry}
            >
              <Text>
                {e.learner} <span className={styles.meta}>{e.registration}</span> · {e.what} · {e.field}
              </Text>
              <Caption1>
                {e.before === "" ? "(blank)" : e.before} → {e.after === "" ? "(blank)" : e.after}
              </Caption1>
              <Caption1 className={styles.meta}>
                {e.when.replace("T", " ")} · {e.who} · {e.source}
              </Caption1>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
