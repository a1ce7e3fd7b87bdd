import { makeStyles, tokens } from "@fluentui/react-components";

export const useCatalogueStyles = makeStyles({
  facts: {
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: {
    color: tokens.colorNeutralForeground3,
  },
  definition: {
    margin: 0,
  },
  scheme: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
  },
  table: {
    tableLayout: "auto",
  },
  numeric: {
    textAlign: "end",
    width: "3rem",
  },
  units: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  unitMeta: {
    color: tokens.colorNeutralForeground3,
  },
});
