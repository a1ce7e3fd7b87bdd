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
  },
  table: {
    tableLayout: "auto",
  },
  registrationCell: {
    whiteSpace: "nowrap",
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
      minWidth: "8rem",
    },
  },
  pasteArea: {
    fontFamily: tokens.fontFamilyMonospace,
  },
});
