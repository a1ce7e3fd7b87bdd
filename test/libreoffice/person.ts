import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, promises as fs, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import type { Writable } from "node:stream";
import { pathToFileURL } from "node:url";

/**
 * Edits a person makes in a spreadsheet, made by a real LibreOffice (test/libreoffice/person.py does the work).
 * Cells are addressed the way a person sees them: a tab name, a header's text and the row whose
 * "Registration No" cell holds a registration number; never a fixed address, since the table may have moved.
 */

/** What a person types: a number, text exactly as given, or a date "YYYY-MM-DD" typed as a date (a General cell gets a date format). */
export type Typed = number | string | { readonly date: string };

/** A data cell of a tab's table. */
export interface TableCell {
  readonly tab: string;
  readonly header: string;
  readonly registration: string;
}

/** A cell by its A1 address (beside or below a table). */
export interface AddressedCell {
  readonly tab: string;
  readonly address: string;
}

export type PersonEdit =
  | ({ readonly op: "type"; readonly value: Typed } & TableCell)
  | ({ readonly op: "clear" } & TableCell)
  | ({ readonly op: "typeAt"; readonly value: Typed } & AddressedCell)
  | ({ readonly op: "clearAt" } & AddressedCell)
  /** Data > Sort on the table's range (header row kept on top). */
  | {
      readonly op: "sort";
      readonly tab: string;
      readonly header: string;
      readonly order?: "ascending" | "descending";
    }
  /** Cut the header's column and insert the cut cells before the column of `before`. */
  | { readonly op: "moveColumn"; readonly tab: string; readonly header: string; readonly before: string }
  /** Insert a whole sheet column at A: everything shifts right. */
  | { readonly op: "insertColumnLeft"; readonly tab: string }
  /** Insert a sheet column before `before` (inside the table, so the table grows) and type `header` into it. */
  | {
      readonly op: "insertColumnInTable";
      readonly tab: string;
      readonly before: string;
      readonly header: string;
      readonly values?: Readonly<Record<string, Typed>>;
    }
  | { readonly op: "renameHeader"; readonly tab: string; readonly header: string; readonly to: string }
  /**
   * Copy a learner's row. "below" (the default): pasted into the row just below the table's last row; the table
   * does not grow (LibreOffice does not extend a table the way Excel's auto-expansion does). "inside": cells
   * inserted in the table's columns just below the row (Insert Rows Below), so the table grows by one row.
   */
  | {
      readonly op: "duplicateRow";
      readonly tab: string;
      readonly registration: string;
      readonly where?: "below" | "inside";
    }
  /** A new last tab: `values` from A1, a native chart over them (unless chart is false), an optional note. */
  | {
      readonly op: "addUserSheet";
      readonly name: string;
      readonly values?: readonly (readonly (string | number)[])[];
      readonly chart?: boolean;
      readonly note?: { readonly address: string; readonly text: string };
      /** A pivot table beside the values (rows: the first column, data: the second column summed). */
      readonly pivot?: boolean;
    }
  /**
   * Insert > Chart on an existing tab (unprotected), over `range` ("A10:C13": first row and column as labels), at
   * `at` in 1/100 mm from the tab's top left (default 1000, 1000, 12000 × 7000).
   */
  | {
      readonly op: "addChart";
      readonly tab: string;
      readonly range: string;
      readonly name?: string;
      readonly at?: {
        readonly x: number;
        readonly y: number;
        readonly width: number;
        readonly height: number;
      };
    }
  | ({ readonly op: "addNote"; readonly text: string } & (TableCell | AddressedCell))
  /** Excel's Table > Convert to Range: the table definition goes, the cells stay. */
  | { readonly op: "convertToRange"; readonly tab: string }
  | { readonly op: "hideColumn"; readonly tab: string; readonly header: string }
  | { readonly op: "setColumnWidth"; readonly tab: string; readonly header: string; readonly widthMm: number }
  | { readonly op: "renameSheet"; readonly tab: string; readonly to: string }
  /** Review > Unprotect Sheet (the product's tabs are protected without a password). */
  | { readonly op: "unprotectSheet"; readonly tab: string; readonly password?: string }
  /** Protect Sheet again, with LibreOffice's default options. */
  | { readonly op: "protectSheet"; readonly tab: string; readonly password?: string }
  /**
   * Switch the workbook to the 1904 date system (as a person does in the options): date cells keep their numbers,
   * so the dates they show move by four years; dates typed afterwards count from 1904.
   */
  | { readonly op: "use1904DateSystem" };

export interface EditedWorkbook {
  /** The workbook LibreOffice saved ("Calc Office Open XML"). */
  readonly bytes: Uint8Array;
  /** Load, edit and save, as measured in the worker. */
  readonly millis: number;
}

/** A running LibreOffice plus the worker that drives it. Close it in afterAll. */
export interface PersonSession {
  /** The session's temporary folder (profile and job files), removed by close(). */
  readonly dir: string;
  /** From starting soffice to the worker being connected to it. */
  readonly startupMillis: number;
  /** Opens the workbook, makes the edits in order and saves it. Rejects, saying which edit failed and why. */
  edit(workbook: Uint8Array, edits: readonly PersonEdit[]): Promise<EditedWorkbook>;
  /** Kills LibreOffice and the worker and removes the temporary profile. Safe to call twice. */
  close(): Promise<void>;
}

/** A python3 that can `import uno` (python3-uno is built for the system python, not for pyenv's), or null. */
export function findUnoPython(): string | null {
  for (const candidate of [process.env.UNO_PYTHON, "/usr/bin/python3", "/usr/local/bin/python3"]) {
    if (!candidate || !existsSync(candidate)) continue;
    try {
      execFileSync(candidate, ["-c", "import uno"], { stdio: "ignore", timeout: 30_000 });
      return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

const SCRIPT = path.join(__dirname, "person.py");
const STARTUP_TIMEOUT_MS = 120_000;
const JOB_TIMEOUT_MS = 120_000;

interface Answer {
  readonly id?: number;
  readonly ready?: boolean;
  readonly ok?: boolean;
  readonly error?: string;
  readonly millis?: number;
}

/** Starts one headless LibreOffice (own throw-away profile, listening on a private pipe) and its worker. */
export async function startPerson(soffice: string, python: string): Promise<PersonSession> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-person-"));
  const pipeName = `ilm-person-${process.pid}-${path.basename(dir)}`;
  const started = Date.now();
  let office: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  let jobs: Writable | undefined;
  let closed = false;
  const pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  let ready: { resolve: () => void; reject: (e: Error) => void } | undefined;
  let stderr = "";

  const fail = (error: Error) => {
    ready?.reject(error);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  /** Synchronous, so it also runs from process.on("exit"). */
  const killAll = () => {
    for (const child of [worker, office]) {
      if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) continue;
      try {
        // soffice is a script that starts oosplash and soffice.bin: kill its whole process group.
        process.kill(child === office ? -child.pid : child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
    // LibreOffice's pipe, in /tmp, left behind when it had to be killed.
    rmSync(`/tmp/OSL_PIPE_${os.userInfo().uid}_${pipeName}`, { force: true });
  };
  const onExit = () => killAll();
  process.on("exit", onExit);

  const close = async () => {
    if (closed) return;
    closed = true;
    process.off("exit", onExit);
    fail(new Error("the LibreOffice session was closed"));
    const exited = (child: ChildProcess | undefined) =>
      child && child.exitCode === null && child.signalCode === null
        ? new Promise<void>((resolve) => child.once("exit", () => resolve()))
        : Promise.resolve();
    const wait = async (what: Promise<unknown>, millis: number) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([what, new Promise((r) => (timer = setTimeout(r, millis)))]);
      clearTimeout(timer);
    };
    // First politely (LibreOffice then removes its pipe), then by force.
    const ended = Promise.all([exited(office), exited(worker)]);
    jobs?.write(JSON.stringify({ terminate: true }) + "\n");
    jobs?.end();
    await wait(ended, 5_000);
    killAll();
    await wait(ended, 10_000);
    await fs.rm(dir, { recursive: true, force: true });
  };

  try {
    const profile = path.join(dir, "profile");
    await fs.mkdir(profile);
    office = spawn(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        `--accept=pipe,name=${pipeName};urp;StarOffice.ComponentContext`,
      ],
      { detached: true, stdio: ["ignore", "ignore", "pipe"] },
    );
    office.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    office.on("exit", (code, signal) => {
      if (!closed) fail(new Error(`soffice exited (${code ?? signal}): ${stderr}`));
    });
    office.on("error", (e) => fail(e));

    const child = spawn(python, [SCRIPT, "--connect", `pipe,name=${pipeName}`], { stdio: "pipe" });
    worker = child;
    jobs = child.stdin;
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    worker.on("exit", (code, signal) => {
      if (!closed) fail(new Error(`person.py exited (${code ?? signal}): ${stderr}`));
    });
    worker.on("error", (e) => fail(e));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const answer = JSON.parse(line) as Answer;
      if (answer.ready) return ready?.resolve();
      const job = answer.id === undefined ? undefined : pending.get(answer.id);
      if (!job) return;
      pending.delete(answer.id as number);
      job.resolve(answer);
    });

    await withTimeout(
      new Promise<void>((resolve, reject) => (ready = { resolve, reject })),
      STARTUP_TIMEOUT_MS,
      "LibreOffice did not accept a connection",
    );
  } catch (error) {
    await close();
    throw error;
  }
  const startupMillis = Date.now() - started;

  let nextId = 1;
  const edit = async (workbook: Uint8Array, edits: readonly PersonEdit[]): Promise<EditedWorkbook> => {
    if (closed) throw new Error("the LibreOffice session is closed");
    const id = nextId++;
    const input = path.join(dir, `in-${id}.xlsx`);
    const output = path.join(dir, `out-${id}.xlsx`);
    await fs.writeFile(input, workbook);
    try {
      const answer = await withTimeout(
        new Promise<Answer>((resolve, reject) => {
          pending.set(id, { resolve, reject });
          jobs?.write(JSON.stringify({ id, input, output, edits }) + "\n");
        }),
        JOB_TIMEOUT_MS,
        `edit job ${id} did not finish`,
      ).catch(async (error: Error) => {
        if (pending.has(id)) await close(); // a hung LibreOffice is no use to the next job
        throw error;
      });
      if (!answer.ok) throw new Error(`LibreOffice edit failed: ${answer.error}`);
      return { bytes: new Uint8Array(await fs.readFile(output)), millis: answer.millis ?? 0 };
    } finally {
      await fs.rm(input, { force: true });
      await fs.rm(output, { force: true });
    }
  };

  return { dir, startupMillis, edit, close };
}

function withTimeout<T>(promise: Promise<T>, millis: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} within ${millis / 1000} s`)), millis);
    }),
  ]).finally(() => clearTimeout(timer));
}
