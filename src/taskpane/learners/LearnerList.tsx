import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import type { Learner } from "../../domain/cohort/schema";
import { usePanelStyles } from "../shared/panel.styles";
import { useLearnersStyles } from "./Learners.styles";

export interface LearnerListProps {
  readonly learners: readonly Learner[];
  readonly onEdit: (learner: Learner) => void;
}

/** The cohort's learners, each with an Edit button. */
export function LearnerList(props: LearnerListProps) {
  const { learners, onEdit } = props;
  const styles = useLearnersStyles();
  const panel = usePanelStyles();
  return (
    <Table size="small" className={styles.table} aria-label="Learners in the cohort">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.registrationColumn}>Registration No</TableHeaderCell>
          <TableHeaderCell>Learner</TableHeaderCell>
          <TableHeaderCell className={styles.qualificationColumn}>Qualification</TableHeaderCell>
          <TableHeaderCell className={styles.actionsColumn}>
            <span className={panel.visuallyHidden}>Actions</span>
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {learners.map((l) => (
          <TableRow key={l.registration}>
            <TableCell className={styles.registrationCell}>{l.registration}</TableCell>
            <TableCell className={styles.wrapCell}>
              {l.name}
              {l.withdrawn ? " (withdrawn)" : ""}
            </TableCell>
            <TableCell className={styles.wrapCell}>{l.qualification}</TableCell>
            <TableCell>
              <Button
                size="small"
                appearance="subtle"
                className={styles.editButton}
                aria-label={`Edit ${l.name}`}
                onClick={() => onEdit(l)}
              >
                Edit
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
