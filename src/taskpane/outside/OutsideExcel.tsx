import {
  Body1,
  Caption1,
  Link,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Title3,
} from "@fluentui/react-components";
import type { OutsideReason } from "../host/host.types";
import { useOutsideStyles } from "./OutsideExcel.styles";

const WHY: Readonly<Record<OutsideReason, string>> = {
  "no-office-js":
    "Office could not be reached from this page (office.js did not load), so there is no workbook to work with.",
  "not-in-office": "This page was opened in a web browser, not inside Excel.",
  "other-application": "This page was opened in an Office application other than Excel.",
};

/** What a person sees when the pane is opened anywhere but Excel: never a blank page. */
export function OutsideExcel(props: { reason: OutsideReason }) {
  const styles = useOutsideStyles();
  return (
    <main className={styles.root}>
      <Title3 as="h1">The ILM Markbook runs inside Excel</Title3>
      <MessageBar intent="info">
        <MessageBarBody>{WHY[props.reason]}</MessageBarBody>
      </MessageBar>
      <Body1>
        It sets up a cohort, brings learners in and writes the mark-sheet tabs into an Excel workbook. Add it
        to Excel once, then open it from the Home tab.
      </Body1>
      <Body1>
        The add-in&apos;s manifest: <Link href="manifest.xml">download manifest.xml</Link> (your IT team can
        deploy it for everyone from the Microsoft 365 admin center, under Settings, Integrated apps).
      </Body1>
      <Subtitle2 as="h2">Excel on the web</Subtitle2>
      <ol className={styles.steps}>
        <li>Open a workbook at office.com (or in OneDrive or SharePoint).</li>
        <li>
          On the Home tab choose <strong>Add-ins</strong>, then <strong>More add-ins</strong> (in some
          versions: Insert, Add-ins, Office Add-ins).
        </li>
        <li>
          Choose <strong>Upload My Add-in</strong>, browse to the add-in&apos;s{" "}
          <span className={styles.code}>manifest.xml</span> and choose <strong>Upload</strong>.
        </li>
        <li>
          Open it with the <strong>ILM Markbook</strong> button on the Home tab.
        </li>
      </ol>
      <Subtitle2 as="h2">Excel on Windows or Mac</Subtitle2>
      <ol className={styles.steps}>
        <li>
          Windows: put <span className={styles.code}>manifest.xml</span> in a shared network folder, add that
          folder under File, Options, Trust Center, Trust Center Settings, Trusted Add-in Catalogs (tick Show
          in Menu), restart Excel, then choose Home, Add-ins, More add-ins, Shared Folder.
        </li>
        <li>
          Mac: copy <span className={styles.code}>manifest.xml</span> to{" "}
          <span className={styles.code}>~/Library/Containers/com.microsoft.Excel/Data/Documents/wef</span>,
          restart Excel, then choose Home, Add-ins.
        </li>
        <li>
          Developers: <span className={styles.code}>npm start</span> serves the add-in at
          https://localhost:3000 and prints these steps.
        </li>
      </ol>
      <Caption1>
        Your centre&apos;s IT team may already have deployed it for everyone: look under Home, Add-ins, Admin
        Managed.
      </Caption1>
    </main>
  );
}
