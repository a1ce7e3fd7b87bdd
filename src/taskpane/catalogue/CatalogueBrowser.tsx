import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Text } from "@fluentui/react-components";
import type { Catalogue } from "../../domain/catalogue/catalogue";
import { useCatalogueStyles } from "./Catalogue.styles";
import { durationText, hoursText, qualificationViews } from "./catalogueView";
import { MarkScheme } from "./MarkScheme";

/** Flow 5, browsing: qualifications, their units and the mark schemes, as the catalogue holds them. */
export function CatalogueBrowser(props: { catalogue: Catalogue }) {
  const styles = useCatalogueStyles();
  return (
    <Accordion collapsible multiple>
      {qualificationViews(props.catalogue).map(
        ({ qualification: q, origin, units, assessments, unmarked }) => (
          <AccordionItem key={q.id} value={q.id}>
            <AccordionHeader as="h3" size="small">
              {q.title}
            </AccordionHeader>
            <AccordionPanel>
              <dl className={styles.facts}>
                <dt className={styles.term}>Number</dt>
                <dd className={styles.definition}>{q.id}</dd>
                <dt className={styles.term}>Level</dt>
                <dd className={styles.definition}>{q.level}</dd>
                <dt className={styles.term}>Credits</dt>
                <dd className={styles.definition}>
                  {q.credits}
                  {q.creditsAreMinimum ? " (minimum)" : ""}
                </dd>
                <dt className={styles.term}>Complete within</dt>
                <dd className={styles.definition}>{durationText(q.durationMonths)}</dd>
                <dt className={styles.term}>Induction</dt>
                <dd className={styles.definition}>{hoursText(q.inductionHours)}</dd>
                <dt className={styles.term}>Tutorial support</dt>
                <dd className={styles.definition}>{hoursText(q.tutorialHours)}</dd>
                <dt className={styles.term}>From</dt>
                <dd className={styles.definition}>{origin}</dd>
              </dl>
              <ul className={styles.units} aria-label={`Units of ${q.title}`}>
                {units.map((u) => (
                  <li key={u.id}>
                    <Text weight="semibold">{u.id}</Text> {u.title}{" "}
                    <Text size={200} className={styles.unitMeta}>
                      (level {u.level}, {u.credits} {u.credits === 1 ? "credit" : "credits"}
                      {u.glh !== null ? `, ${u.glh} GLH` : ""})
                    </Text>
                  </li>
                ))}
              </ul>
              {assessments.map((a) => (
                <MarkScheme key={a.id} assessment={a} />
              ))}
              {unmarked.length > 0 && (
                <Text size={200}>
                  No mark scheme in the catalogue for {unmarked.join(", ")}: their outcomes are entered
                  directly.
                </Text>
              )}
            </AccordionPanel>
          </AccordionItem>
        ),
      )}
    </Accordion>
  );
}
