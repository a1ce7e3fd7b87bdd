import { Link, mergeClasses } from "@fluentui/react-components";
import type { SelectRow } from "./LearnerLink";
import { LearnerLink } from "./LearnerLink";
import type { ReferredLearner } from "./overview.types";
import { useOverviewStyles } from "./Overview.styles";

export interface ReferralListProps {
  readonly learners: readonly ReferredLearner[];
  readonly labelledBy: string;
  readonly onSelect: SelectRow;
}

/** Learners with referrals outstanding, each assessment a link to the learner's row on its mark sheet. */
export function ReferralList(props: ReferralListProps) {
  const { learners, labelledBy, onSelect } = props;
  const styles = useOverviewStyles();
  return (
    <ul className={styles.list} aria-labelledby={labelledBy}>
      {learners.map((r) => (
        <li key={r.registration} className={mergeClasses(styles.item, styles.referral)}>
          <div className={styles.line}>
            <LearnerLink registration={r.registration} name={r.name} onSelect={onSelect} />
          </div>
          <ul className={styles.assessments}>
            {r.assessments.map((a) => {
              const what = `${r.name}'s row on the ${a.assessment} mark sheet`;
              return (
                <li key={a.assessment}>
                  <Link
                    as="button"
                    aria-label={`${a.assessment}, ${what}`}
                    onClick={() => onSelect({ assessment: a.assessment }, r.registration, what)}
                  >
                    {a.assessment}
                  </Link>{" "}
                  referred{a.parts.length > 0 ? `: ${a.parts.join(", ")}` : ""}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}
