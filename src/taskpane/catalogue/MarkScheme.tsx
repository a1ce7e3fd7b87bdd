import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import type { Assessment } from "../../domain/catalogue/schema";
import { useCatalogueStyles } from "./Catalogue.styles";

/** One assessment's mark scheme: sections with maximum and minimum, or the criteria marked pass or refer. */
export function MarkScheme(props: { assessment: Assessment }) {
  const { assessment: a } = props;
  const styles = useCatalogueStyles();
  return (
    <div className={styles.scheme}>
      <Text weight="semibold">
        {a.id}: {a.title}
      </Text>
      {a.kind === "sectioned" ? (
        <>
          <Table size="extra-small" className={styles.table} aria-label={`${a.id} sections`}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Section</TableHeaderCell>
                <TableHeaderCell className={styles.numeric}>Max</TableHeaderCell>
                <TableHeaderCell className={styles.numeric}>Min</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {a.sections.map((s) => (
                <TableRow key={s.name}>
                  <TableCell>{s.name}</TableCell>
                  <TableCell className={styles.numeric}>{s.max}</TableCell>
                  <TableCell className={styles.numeric}>{s.min}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Text size={200}>
            Pass: a total of {a.passTotal} or more and every section at its minimum; otherwise referral.
          </Text>
        </>
      ) : (
        <Text size={200}>
          Each criterion marked pass or refer; the unit passes when all pass. Criteria:{" "}
          {a.criteria.map((c) => c.id).join(", ")}.
        </Text>
      )}
    </div>
  );
}
