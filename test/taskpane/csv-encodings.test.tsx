/** @jest-environment jsdom */
import { screen } from "@testing-library/react";
import { createMemoryPort } from "../../src/app/memory-port";
import type { MemoryPort } from "../../src/app/memory-port";
import { renderPane, typist } from "./renderPane";
import { setUpState } from "./testPort";

/*
 * The task pane's CSV import reads a file's bytes as the command line does: Windows-1252 (Excel on Windows's "CSV
 * (Comma delimited)") with a note, UTF-16 with a byte order mark, semicolon-separated files and `sep=;` lines.
 */

jest.setTimeout(30_000);

const HEADER = "Registration No,Learner,Qualification";
const ROW = "NF-001,Siân Jones,500/3564/2";

function cp1252(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
}

/** A file of these bytes, or of this text as UTF-8. */
async function importFile(bytes: Uint8Array<ArrayBuffer> | string, name = "cohort.csv") {
  const port = createMemoryPort();
  await port.saveState(setUpState([]));
  const user = typist();
  renderPane(port);
  await user.click(await screen.findByRole("tab", { name: "Learners" }));
  await user.upload(
    screen.getByLabelText("CSV file of learners"),
    new File([bytes], name, { type: "text/csv" }),
  );
  return { port, user };
}

async function storedNames(port: MemoryPort) {
  const loaded = await port.loadState();
  return loaded.ok ? (loaded.value?.cohort.learners ?? []).map((l) => l.name) : [];
}

describe("importing a CSV file in the task pane", () => {
  it("reads a Windows-1252 file's names as written, and says how it read the file", async () => {
    const { port, user } = await importFile(cp1252(`${HEADER}\r\n${ROW}\r\n`));
    expect(await screen.findByText("1 row read from cohort.csv: 1 ready.")).toBeTruthy();
    expect(screen.getByText("How the file was read")).toBeTruthy();
    expect(screen.getByText(/cohort\.csv is not UTF-8, so it was read as Windows-1252/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Add 1 learner to the cohort" }));
    await screen.findByText(/1 learner added/);
    expect(await storedNames(port)).toEqual(["Siân Jones"]);
  });

  it("reads a semicolon-separated file after Excel's sep=; line, numbering rows as in the file", async () => {
    const text = `sep=;\r\n${HEADER}\r\n${ROW}\r\nNF-002;;500/3564/2\r\n`.replace(/,/g, ";");
    await importFile(text);
    expect(await screen.findByText("2 rows read from cohort.csv: 1 ready, 1 needs attention.")).toBeTruthy();
    expect(screen.getByText(/Row 4/)).toBeTruthy();
  });

  it("refuses UTF-16 without a byte order mark, saying what to do", async () => {
    const text = `${HEADER}\n${ROW}\n`;
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) bytes[i * 2] = text.charCodeAt(i) & 0xff;
    await importFile(bytes);
    expect(await screen.findByText("cohort.csv cannot be used")).toBeTruthy();
    expect(screen.getByText(/looks like UTF-16 LE text without a byte order mark/)).toBeTruthy();
  });
});
