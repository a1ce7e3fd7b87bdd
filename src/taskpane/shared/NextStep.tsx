import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";

export interface NextStepProps {
  /** What to do next, in a sentence ("Next, add the learners."). */
  readonly text: string;
  /** The button's label ("Go to Learners"). */
  readonly action: string;
  readonly onGo: () => void;
}

/** After a step (set up, add learners, generate), where the admin goes next: a sentence and a button. */
export function NextStep(props: NextStepProps) {
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>{props.text}</MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="primary" onClick={props.onGo}>
          {props.action}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
