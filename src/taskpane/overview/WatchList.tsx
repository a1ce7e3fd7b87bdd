import { Badge, Body1, Caption1, mergeClasses } from "@fluentui/react-components";
import { longDate } from "../../domain/engine/dates";
import type { SelectRow } from "./LearnerLink";
import { LearnerLink } from "./LearnerLink";
import type { WatchedLearner } from "./overview.types";
import { useOverviewStyles } from "./Overview.styles";

export interface WatchListProps {
  readonly learners: readonly WatchedLearner[];
  readonly labelledBy: string;
  readonly onSelect: SelectRow;
}

/** "Deadline 1 January 2029, 14 days ago" and the like. */
export function deadlineText(w: WatchedLearner): string {
  const days = Math.abs(w.daysLeft);
  const count = `${days} ${days === 1 ? "day" : "days"}`;
  const when = w.daysLeft === 0 ? "today" : w.daysLeft < 0 ? `${count} ago` : `in ${count}`;
  return `Deadline ${longDate(w.deadline)}, ${when}`;
}

/** Learners not ready to claim whose deadline is past or near, each with their deadline and what they still need. */
export function WatchList(props: WatchListProps) {
  const { learners, labelledBy, onSelect } = props;
  const styles = useOverviewStyles();
  return (
    <ul className={styles.list} aria-labelledby={labelledBy}>
      {learners.map((w) => (
        <li
          key={w.registration}
          className={mergeClasses(styles.item, w.progress === "Overdue" ? styles.overdue : styles.dueSoon)}
        >
          <div className={styles.line}>
            <LearnerLink registration={w.registration} name={w.name} onSelect={onSelect} />
            <Badge appearance="tint" color={w.progress === "Overdue" ? "danger" : "warning"}>
              {w.progress}
            </Badge>
          </div>
          <Caption1>{deadlineText(w)}</Caption1>
          {w.needs.length > 0 && (
            <Body1>
              {w.achieved
                ? `Achieved; to be claimed needs ${w.needs.join(", ")}`
                : `Needs ${w.needs.join("; ")}`}
            </Body1>
          )}
        </li>
      ))}
    </ul>
  );
}
