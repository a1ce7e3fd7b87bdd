import { constants, promises as fs } from "node:fs";
import type { Stats } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * Replacing an output file (a workbook full of learner data) safely:
 *
 * - refused, with the file untouched, when it is read-only, when its folder cannot be written, or when Excel or
 *   LibreOffice has it open (their lock files beside it);
 * - one ilm run at a time per file: `.<name>.ilm-lock` beside it, created with O_EXCL, holding pid, host and time.
 *   Another live run's lock is a refusal (not a wait: the second run would otherwise overwrite the first one's
 *   result with a workbook built from what it read before). A lock left by a dead process on this machine is taken
 *   over, and the result says so. Hold the lock from reading the old file to writing the new one
 *   (`lockOutputFile`), so nothing written in between is lost; `replace` also refuses when the file changed since
 *   the lock was taken (a person saved it meanwhile);
 * - the new bytes go to a temporary file in the same folder (mode 0600 while written), fsynced, given the old
 *   file's mode (and owner, where allowed), renamed over the target, and the folder fsynced: the target is the
 *   old file or the new one, never a part of either. The temporary file is removed on any failure, and leftovers of
 *   a crashed run (`.<name>.ilm-<pid>-<random>.tmp`) are removed by the next run that holds the lock.
 *
 * Expected refusals are results, not exceptions.
 */

export type OutputFileProblem =
  /** The file exists and has no write permission (the "read-only" attribute a person sets). */
  | "read-only"
  /** The target is a folder or something else that is not a plain file. */
  | "not-a-file"
  /** The folder does not exist or cannot be written, so no temporary file can be made beside the target. */
  | "folder-not-writable"
  /** Excel's owner file `~$...` is beside the target. */
  | "open-in-excel"
  /** LibreOffice's `.~lock.<name>#` is beside the target. */
  | "open-in-libreoffice"
  /** Another ilm run (alive, or on another machine) holds `.<name>.ilm-lock`. */
  | "locked-by-another-run"
  /** The file changed after the lock was taken (saved from Excel, say): writing would lose that. */
  | "changed-meanwhile"
  /** Writing failed (disk full, I/O error...): the target is as it was. */
  | "write-failed";

export interface OutputFileRefusal {
  readonly ok: false;
  readonly problem: OutputFileProblem;
  /** One plain sentence for the person running the command, naming the file and what to do. */
  readonly message: string;
}

export interface OutputFileDone {
  readonly ok: true;
  /** Things done on the way that a person should hear about (a stale lock taken over, leftovers removed). */
  readonly notes: readonly string[];
}

export type OutputFileResult = OutputFileDone | OutputFileRefusal;

export interface OutputFileLock {
  /** The file the lock is for (symbolic links resolved). */
  readonly target: string;
  /** Notes from taking the lock (a stale lock taken over, leftovers of a crashed run removed). */
  readonly notes: readonly string[];
  /** Replaces the target with the bytes, whole or not at all. The lock stays held: call release(). */
  replace(bytes: Uint8Array): Promise<OutputFileResult>;
  /** Removes the lock file (only if it is still ours). Safe to call twice. */
  release(): Promise<void>;
}

export type OutputFileLockResult = ({ readonly ok: true } & OutputFileLock) | OutputFileRefusal;

export interface OutputFileOptions {
  /**
   * For tests (simulating a crash, a second run): called when the temporary file holds the bytes, synced but still
   * mode 0600 ("written"), and when it has the old file's mode and is about to be renamed ("before-rename").
   */
  readonly onStage?: (stage: "written" | "before-rename", tempFile: string) => void | Promise<void>;
}

/** Takes the lock, replaces the file and releases the lock: for a caller that did not read the old file. */
export async function replaceOutputFile(
  target: string,
  bytes: Uint8Array,
  options: OutputFileOptions = {},
): Promise<OutputFileResult> {
  const lock = await lockOutputFile(target, options);
  if (!lock.ok) return lock;
  try {
    const done = await lock.replace(bytes);
    return done.ok ? { ok: true, notes: [...lock.notes, ...done.notes] } : done;
  } finally {
    await lock.release();
  }
}

/** The lock file that keeps two ilm runs from writing one file. */
export function lockFileOf(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.ilm-lock`);
}

/**
 * Excel's owner files for a workbook. Excel writes `~$` followed by the file name (`~$cohort.xlsx`); Word, and by
 * several reports Excel too for long names, replaces the first two characters instead (`~$hort.xlsx`), and the
 * first one for 7-character names. Excel on a Mac and on the web write no such file. All three forms are checked:
 * a false alarm (some other file's owner file) costs a person a look in the folder, a miss costs their work.
 */
export function excelLockFilesOf(target: string): string[] {
  const name = path.basename(target);
  const dir = path.dirname(target);
  return [...new Set([name, name.slice(1), name.slice(2)])]
    .filter((n) => n.length > 0)
    .map((n) => path.join(dir, `~$${n}`));
}

/** LibreOffice's lock file for a document (`.~lock.cohort.xlsx#`). */
export function libreOfficeLockFileOf(target: string): string {
  return path.join(path.dirname(target), `.~lock.${path.basename(target)}#`);
}

const TEMP_PATTERN = (name: string) =>
  new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.ilm-\\d+-[0-9a-z]+\\.tmp$`);

function tempFileOf(target: string): string {
  const random = Math.random().toString(36).slice(2, 10) || "0";
  return path.join(path.dirname(target), `.${path.basename(target)}.ilm-${process.pid}-${random}.tmp`);
}

interface LockContent {
  readonly pid: number;
  readonly host: string;
  readonly time: string;
}

const refuse = (problem: OutputFileProblem, message: string): OutputFileRefusal => ({
  ok: false,
  problem,
  message,
});

async function statOrNull(file: string): Promise<Stats | null> {
  try {
    return await fs.stat(file);
  } catch (error) {
    if (codeOf(error) === "ENOENT") return null;
    throw error;
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === "EPERM"; // exists, but not ours to signal
  }
}

/** Whether the target can be replaced now: its permissions, its folder, Office's lock files. */
async function checkTarget(target: string, existing: Stats | null): Promise<OutputFileRefusal | null> {
  const shown = target;
  if (existing && !existing.isFile())
    return refuse("not-a-file", `${shown} is not a file (a folder?); give a file name ending in .xlsx`);
  if (existing) {
    // Root may write anything, so also look at the permission bits a person sets.
    let writable = (existing.mode & 0o222) !== 0;
    if (writable) {
      try {
        await fs.access(target, constants.W_OK);
      } catch {
        writable = false;
      }
    }
    if (!writable)
      return refuse(
        "read-only",
        `${shown} is read-only; nothing was written. Make it writable (or choose another --out) and run again.`,
      );
  }
  try {
    await fs.access(path.dirname(target), constants.W_OK);
  } catch {
    return refuse(
      "folder-not-writable",
      `the folder ${path.dirname(target)} does not exist or cannot be written; nothing was written.`,
    );
  }
  for (const lock of excelLockFilesOf(target)) {
    if (await statOrNull(lock))
      return refuse(
        "open-in-excel",
        `${shown} is open in Excel (${path.basename(lock)} is beside it); nothing was written. Close it in Excel ` +
          `and run again. If Excel is not running, the owner file was left by a crash: delete ${lock}.`,
      );
  }
  const lo = libreOfficeLockFileOf(target);
  if (await statOrNull(lo))
    return refuse(
      "open-in-libreoffice",
      `${shown} is open in LibreOffice (${path.basename(lo)} is beside it); nothing was written. Close it in ` +
        `LibreOffice and run again. If LibreOffice is not running, the lock was left by a crash: delete ${lo}.`,
    );
  return null;
}

/** Creates the lock file with O_EXCL; false when it exists. */
async function createLock(lockFile: string): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(lockFile, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (error) {
    if (codeOf(error) === "EEXIST") return false;
    throw error;
  }
  try {
    const content: LockContent = { pid: process.pid, host: os.hostname(), time: new Date().toISOString() };
    await handle.writeFile(JSON.stringify(content) + "\n");
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

async function readLock(lockFile: string): Promise<{ content: LockContent | null; stats: Stats } | null> {
  try {
    const stats = await fs.stat(lockFile);
    const text = await fs.readFile(lockFile, "utf8");
    try {
      const json = JSON.parse(text) as Partial<LockContent>;
      if (typeof json.pid === "number" && typeof json.host === "string" && typeof json.time === "string")
        return { content: json as LockContent, stats };
    } catch {
      // fall through: unreadable
    }
    return { content: null, stats };
  } catch (error) {
    if (codeOf(error) === "ENOENT") return null;
    throw error;
  }
}

/** A lock whose writer crashed between creating it and writing into it is stale after this long. */
const UNREADABLE_LOCK_STALE_MS = 60_000;

/** Takes the run lock for the target: a refusal when another live run holds it. */
export async function lockOutputFile(
  requested: string,
  options: OutputFileOptions = {},
): Promise<OutputFileLockResult> {
  let target = path.resolve(requested);
  try {
    target = await fs.realpath(target); // replace the file a symbolic link points to, not the link
  } catch {
    // not there yet
  }
  let existing: Stats | null;
  try {
    existing = await statOrNull(target);
  } catch (error) {
    return refuse(
      "write-failed",
      `${target} cannot be examined (${(error as Error).message}); nothing was written.`,
    );
  }
  const refusal = await checkTarget(target, existing);
  if (refusal) return refusal;

  const lockFile = lockFileOf(target);
  const notes: string[] = [];
  try {
    if (!(await createLock(lockFile))) {
      const held = await readLock(lockFile);
      const stale =
        held === null
          ? "gone"
          : held.content === null
            ? Date.now() - held.stats.mtimeMs > UNREADABLE_LOCK_STALE_MS
              ? "unreadable"
              : null
            : held.content.host === os.hostname() && !alive(held.content.pid)
              ? "dead"
              : null;
      if (stale === null) {
        const who = held?.content
          ? `ilm (process ${held.content.pid} on ${held.content.host}, since ${held.content.time})`
          : "another ilm run";
        return refuse(
          "locked-by-another-run",
          `${target} is being written by ${who}; nothing was written. Wait for it to finish and run again. ` +
            `If no ilm is running, delete ${lockFile}.`,
        );
      }
      // Take the stale lock over: only one taker wins, since the lock is removed only if it is still the stale one.
      const takeover = `${lockFile}.takeover`;
      if (!(await createLock(takeover)))
        return refuse(
          "locked-by-another-run",
          `${target}: another ilm run is taking over a stale lock; nothing was written. Run again.`,
        );
      try {
        const again = await readLock(lockFile);
        if (again && held && again.stats.mtimeMs === held.stats.mtimeMs && again.stats.ino === held.stats.ino)
          await fs.rm(lockFile, { force: true });
        if (!(await createLock(lockFile)))
          return refuse(
            "locked-by-another-run",
            `${target} is being written by another ilm run; nothing was written. Run again.`,
          );
      } finally {
        await fs.rm(takeover, { force: true });
      }
      if (held?.content)
        notes.push(
          `took over the lock ${lockFile} left by ilm process ${held.content.pid} (${held.content.time}), ` +
            `which is no longer running`,
        );
      else if (held) notes.push(`took over the unreadable lock ${lockFile} left by a crashed ilm run`);
    }
  } catch (error) {
    return refuse(
      "write-failed",
      `${target}: the lock ${lockFile} cannot be made (${(error as Error).message}); nothing was written.`,
    );
  }

  const removed = await removeLeftovers(target);
  if (removed.length > 0)
    notes.push(
      `removed ${removed.length === 1 ? "a temporary file" : `${removed.length} temporary files`} left by a crashed ` +
        `ilm run: ${removed.map((f) => path.basename(f)).join(", ")}`,
    );

  const seen = existing;
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    const held = await readLock(lockFile).catch(() => null);
    if (held?.content?.pid === process.pid && held.content.host === os.hostname())
      await fs.rm(lockFile, { force: true });
  };
  const replace = async (bytes: Uint8Array): Promise<OutputFileResult> => {
    if (released) throw new Error("replace() after release(): take the lock again");
    const now = await statOrNull(target).catch(() => null);
    const changed =
      (seen === null) !== (now === null) ||
      (seen !== null &&
        now !== null &&
        (seen.ino !== now.ino || seen.size !== now.size || seen.mtimeMs !== now.mtimeMs));
    if (changed)
      return refuse(
        "changed-meanwhile",
        `${target} was changed by something else while ilm was working; nothing was written, so that change is ` +
          `kept. Run again.`,
      );
    const late = await checkTarget(target, now); // opened in Excel, or made read-only, meanwhile
    if (late) return late;
    return writeWhole(target, bytes, now, options);
  };
  return { ok: true, target, notes, replace, release };
}

/** Removes this target's temporary files of earlier runs (only called while holding the lock). */
async function removeLeftovers(target: string): Promise<string[]> {
  const pattern = TEMP_PATTERN(path.basename(target));
  const removed: string[] = [];
  let names: string[];
  try {
    names = await fs.readdir(path.dirname(target));
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const file = path.join(path.dirname(target), name);
    try {
      await fs.rm(file, { force: true });
      removed.push(file);
    } catch {
      // left for the next run
    }
  }
  return removed;
}

async function writeWhole(
  target: string,
  bytes: Uint8Array,
  previous: Stats | null,
  options: OutputFileOptions,
): Promise<OutputFileResult> {
  const temp = tempFileOf(target);
  const notes: string[] = [];
  try {
    const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
      await options.onStage?.("written", temp);
      if (previous) {
        try {
          await handle.chown(previous.uid, previous.gid);
        } catch {
          if (previous.uid !== process.getuid?.())
            notes.push(
              `${target} now belongs to you: only its owner or root can give a file to another user`,
            );
        }
        await handle.chmod(previous.mode & 0o7777);
      } else {
        const umask = process.umask();
        await handle.chmod(0o666 & ~umask);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.onStage?.("before-rename", temp);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    return refuse(
      "write-failed",
      `${target} cannot be written (${(error as Error).message}); it is as it was.`,
    );
  }
  await syncFolder(path.dirname(target));
  return { ok: true, notes };
}

/** Makes the rename durable. Some systems cannot fsync a folder; the rename is done all the same. */
async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch {
    // EISDIR/EINVAL/EPERM on some systems (Windows): nothing more to do
  } finally {
    await handle?.close();
  }
}
