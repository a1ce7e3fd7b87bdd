import { makeStyles, tokens } from "@fluentui/react-components";

export const useLearnersStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
    "& .fui-Input": { minWidth: 0, maxWidth: "100%" },
    "& .fui-Input__input": { minWidth: 0 },
  },
  /** Fixed layout: the table is as wide as the pane, never wider; long values wrap inside their cells. */
  table: {
    tableLayout: "fixed",
    width: "100%",
  },
  registrationColumn: { width: "30%" },
  qualificationColumn: { width: "30%" },
  actionsColumn: { width: "3.5rem" },
  /** A cell whose text may break anywhere rather than widen the table past the pane (a qualification number). */
  wrapCell: {
    overflowWrap: "anywhere",
  },
  editButton: {
    minWidth: 0,
  },
  registrationCell: {
    overflowWrap: "anywhere",
  },
  rowCard: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteRedBorder2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  rowCardFixed: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorPaletteGreenBorder2}`,
  },
  rowCardUpdate: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}`,
  },
  rowCardUnchanged: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    rowGap: tokens.spacingVerticalXS,
  },
  changes: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
  },
  rowCardLeftOut: {
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground3,
  },
  /** A drop-down as wide as the pane allows and no wider (long qualification titles are cut short, not overflowing). */
  select: {
    width: "100%",
    maxWidth: "100%",
    minWidth: 0,
    "& select": {
      width: "100%",
      minWidth: 0,
      textOverflow: "ellipsis",
    },
  },
  hours: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(5.5rem, 1fr))",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  filters: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    "& > *": {
      flexGrow: 1,
      flexBasis: "8rem",
      minWidth: 0,
    },
    "& .fui-Input": { minWidth: 0, width: "100%" },
    "& .fui-Input__input": { minWidth: 0 },
  },
  pasteArea: {
    fontFamily: tokens.fontFamilyMonospace,
  },
});
