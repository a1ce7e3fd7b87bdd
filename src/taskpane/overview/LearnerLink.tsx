import { Link } from "@fluentui/react-components";
import type { LearnerSheet } from "../../workbook/port";
import { useOverviewStyles } from "./Overview.styles";

/** Goes to a learner's row: what the link names, and the words for the row ("Asha Patel's row on the ..."). */
export type SelectRow = (sheet: LearnerSheet, registration: string, what: string) => void;

export interface LearnerLinkProps {
  readonly registration: string;
  readonly name: string;
  readonly onSelect: SelectRow;
}

/** A learner's name and registration number, as a link that selects their row on the Learners tab. */
export function LearnerLink(props: LearnerLinkProps) {
  const { registration, name, onSelect } = props;
  const styles = useOverviewStyles();
  return (
    <Link as="button" onClick={() => onSelect("learners", registration, `${name}'s row on the Learners tab`)}>
      {name} <span className={styles.registration}>{registration}</span>
    </Link>
  );
}
