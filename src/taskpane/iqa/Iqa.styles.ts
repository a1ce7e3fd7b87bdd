import { makeStyles, tokens } from "@fluentui/react-components";

export const useIqaStyles = makeStyles({
  /** A wide table scrolls on its own at 320 px; the region is focusable so the keyboard can scroll it. */
  scroll: {
    overflowX: "auto",
    maxWidth: "100%",
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  /** A field with a select whose options are longer than the pane is wide: the select shrinks to the pane. */
  narrowField: {
    minWidth: 0,
  },
  narrowSelect: {
    width: "100%",
    minWidth: 0,
    maxWidth: "100%",
  },
  narrowSelectElement: {
    width: "100%",
    minWidth: 0,
    textOverflow: "ellipsis",
  },
  table: {
    tableLayout: "auto",
    minWidth: "100%",
  },
  numeric: {
    textAlign: "end",
    whiteSpace: "nowrap",
  },
  compliant: {
    color: tokens.colorPaletteGreenForeground1,
  },
  notCompliant: {
    color: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  summary: {
    fontWeight: tokens.fontWeightSemibold,
  },
  fieldset: {
    border: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  list: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  meta: {
    color: tokens.colorNeutralForeground3,
  },
  decisionForm: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  logEntry: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: "anywhere",
  },
});
