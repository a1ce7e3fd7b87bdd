import { makeStyles, tokens } from "@fluentui/react-components";

export const useOutsideStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    maxWidth: "40rem",
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}`,
  },
  steps: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    overflowWrap: "anywhere",
  },
});
