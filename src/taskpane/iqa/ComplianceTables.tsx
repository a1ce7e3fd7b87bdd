import {
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import type { AssessorCoverage, Coverage } from "../../domain/sampling";
import { COVERAGE_HEADERS } from "../../domain/sampling";
import { usePanelStyles } from "../shared/panel.styles";
import { useIqaStyles } from "./Iqa.styles";
import { assessorLabel } from "./sampleView";

export interface ComplianceTablesProps {
  readonly coverage: readonly Coverage[];
  readonly assessors: readonly AssessorCoverage[];
}

/** The sample's coverage: each assessor on each assessment, then each assessor over all their work. */
export function ComplianceTables(props: ComplianceTablesProps) {
  const styles = useIqaStyles();
  const panel = usePanelStyles();
  const yes = (compliant: boolean) => (
    <TableCell className={compliant ? styles.compliant : styles.notCompliant}>
      {compliant ? "Yes" : "No"}
    </TableCell>
  );
  const n = (value: number | string) => <TableCell className={styles.numeric}>{value}</TableCell>;
  const head = (label: string, numeric = true) => (
    <TableHeaderCell className={numeric ? styles.numeric : undefined}>{label}</TableHeaderCell>
  );

  return (
    <>
      <Caption1 className={panel.hint}>
        Compliant: the sample holds every row the strategy requires. QA done: sampled rows whose QA marks give
        an outcome (the others are still to re-mark).
      </Caption1>
      <Caption1 id="iqa-by-assessment">By assessor and assessment</Caption1>
      <div className={styles.scroll} role="region" aria-labelledby="iqa-by-assessment" tabIndex={0}>
        <Table size="extra-small" className={styles.table} aria-label="Compliance by assessor and assessment">
          <TableHeader>
            <TableRow>
              {head(COVERAGE_HEADERS.assessor, false)}
              {head(COVERAGE_HEADERS.assessment, false)}
              {head(COVERAGE_HEADERS.eligible)}
              {head(COVERAGE_HEADERS.required)}
              {head(COVERAGE_HEADERS.sampled)}
              {head(COVERAGE_HEADERS.qaDone)}
              {head(COVERAGE_HEADERS.disagreements)}
              {head(COVERAGE_HEADERS.compliant, false)}
            </TableRow>
          </TableHeader>
          <TableBody>
            {props.coverage.map((c) => (
              <TableRow key={`${c.assessor ?? ""}\u0000${c.assessment}`}>
                <TableCell>{assessorLabel(c.assessor)}</TableCell>
                <TableCell>{c.assessment}</TableCell>
                {n(c.eligible)}
                {n(c.required)}
                {n(c.sampled)}
                {n(c.qaDone)}
                {n(c.disagreements)}
                {yes(c.compliant)}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Caption1 id="iqa-by-assessor">By assessor</Caption1>
      <div className={styles.scroll} role="region" aria-labelledby="iqa-by-assessor" tabIndex={0}>
        <Table size="extra-small" className={styles.table} aria-label="Compliance by assessor">
          <TableHeader>
            <TableRow>
              {head(COVERAGE_HEADERS.assessor, false)}
              {head(COVERAGE_HEADERS.eligible)}
              {head("Share")}
              {head(COVERAGE_HEADERS.required)}
              {head(COVERAGE_HEADERS.sampled)}
              {head(COVERAGE_HEADERS.qaDone)}
              {head("Referrals sampled")}
              {head(COVERAGE_HEADERS.compliant, false)}
            </TableRow>
          </TableHeader>
          <TableBody>
            {props.assessors.map((a) => (
              <TableRow key={a.assessor ?? ""}>
                <TableCell>
                  {assessorLabel(a.assessor)}
                  {a.newAssessor ? " (new)" : ""}
                </TableCell>
                {n(a.eligible)}
                {n(`${a.percent}%`)}
                {n(a.required)}
                {n(a.sampled)}
                {n(a.qaDone)}
                {n(`${a.referralsSampled} of ${a.referralsRequired}`)}
                {yes(a.compliant)}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
