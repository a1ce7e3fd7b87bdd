import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { Problem } from "../../domain/problems";
import { formatProblem } from "../../domain/problems";

/** Problems with a file, each with its path, as one error message. */
export function ProblemList(props: { title: string; problems: readonly Problem[] }) {
  const { title, problems } = props;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        <ul>
          {problems.map((p, i) => (
            <li key={i}>{formatProblem(p)}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
