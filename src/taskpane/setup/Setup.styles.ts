import { makeStyles, tokens } from "@fluentui/react-components";

export const useSetupStyles = makeStyles({
  group: {
    display: "flex",
    flexDirection: "column",
    margin: 0,
    padding: 0,
    border: "none",
    minWidth: 0,
  },
  legend: {
    padding: `0 0 ${tokens.spacingVerticalXXS}`,
  },
  required: {
    color: tokens.colorPaletteRedForeground3,
  },
  error: {
    color: tokens.colorPaletteRedForeground1,
  },
  qualificationId: {
    color: tokens.colorNeutralForeground3,
  },
});
