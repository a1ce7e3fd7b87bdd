import type { Figure } from "./overview.types";
import { useOverviewStyles } from "./Overview.styles";

/** The headline figures, each a label and its number. */
export function HeadlineFigures(props: { readonly figures: readonly Figure[] }) {
  const styles = useOverviewStyles();
  return (
    <dl className={styles.figures}>
      {props.figures.map((f) => (
        <div key={f.label} className={styles.figure}>
          <dt className={styles.figureLabel}>{f.label}</dt>
          <dd className={styles.figureValue}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
