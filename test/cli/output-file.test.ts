import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  excelLockFilesOf,
  libreOfficeLockFileOf,
  lockFileOf,
  lockOutputFile,
  replaceOutputFile,
} from "../../src/cli/output-file";

let dir: string;
let target: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ilm-out-"));
  target = path.join(dir, "cohort.xlsx");
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const OLD = new Uint8Array(Buffer.from("old workbook bytes"));
const NEW = new Uint8Array(Buffer.from("new workbook bytes, longer than the old ones"));
const bytesOf = async (file: string) => new Uint8Array(await fs.readFile(file));
const modeOf = async (file: string) => (await fs.stat(file)).mode & 0o7777;
/** The folder's entries other than the target: no lock, no temporary file left behind. */
const others = async () => (await fs.readdir(dir)).filter((n) => n !== "cohort.xlsx").sort();
/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ["-e", "0"]).pid as number;

describe("replaceOutputFile", () => {
  it("writes a new file, and replaces an existing one whole, leaving nothing else in the folder", async () => {
    expect(await replaceOutputFile(target, OLD)).toEqual({ ok: true, notes: [] });
    expect(await bytesOf(target)).toEqual(OLD);
    expect(await replaceOutputFile(target, NEW)).toEqual({ ok: true, notes: [] });
    expect(await bytesOf(target)).toEqual(NEW);
    expect(await others()).toEqual([]);
  });

  it("writes the temporary file 0600, gives it the previous mode (0640) just before the rename", async () => {
    await fs.writeFile(target, OLD);
    await fs.chmod(target, 0o640);
    const seen: string[] = [];
    const done = await replaceOutputFile(target, NEW, {
      onStage: async (stage, temp) => {
        seen.push(`${stage} ${(await modeOf(temp)).toString(8)}`);
        expect(await bytesOf(temp)).toEqual(NEW);
        expect(await bytesOf(target)).toEqual(OLD); // the target is untouched until the rename
      },
    });
    expect(done.ok).toBe(true);
    expect(seen).toEqual(["written 600", "before-rename 640"]);
    expect(await modeOf(target)).toBe(0o640);
    expect(await bytesOf(target)).toEqual(NEW);
  });

  it("gives a new file the ordinary mode (0666 less the umask)", async () => {
    expect((await replaceOutputFile(target, NEW)).ok).toBe(true);
    const umask = process.umask(0o022);
    try {
      expect(await modeOf(target)).toBe(0o666 & ~umask);
    } finally {
      process.umask(umask);
    }
  });

  it("refuses a read-only file and leaves it unchanged byte for byte", async () => {
    await fs.writeFile(target, OLD);
    await fs.chmod(target, 0o444);
    const result = await replaceOutputFile(target, NEW);
    expect(result).toEqual({ ok: false, problem: "read-only", message: expect.stringMatching(/read-only/) });
    expect(await bytesOf(target)).toEqual(OLD);
    expect(await modeOf(target)).toBe(0o444);
    expect(await others()).toEqual([]);
  });

  it("refuses a file open in Excel (~$ owner file, full name or first characters dropped)", async () => {
    expect(excelLockFilesOf(target).map((f) => path.basename(f))).toEqual([
      "~$cohort.xlsx",
      "~$ohort.xlsx",
      "~$hort.xlsx",
    ]);
    await fs.writeFile(target, OLD);
    for (const owner of excelLockFilesOf(target)) {
      await fs.writeFile(owner, "\x05Asha ");
      const result = await replaceOutputFile(target, NEW);
      expect(result.ok).toBe(false);
      expect(result.ok || result.problem).toBe("open-in-excel");
      expect(result.ok || result.message).toContain(path.basename(owner));
      expect(await bytesOf(target)).toEqual(OLD);
      await fs.rm(owner);
    }
    expect(await others()).toEqual([]);
  });

  it("refuses a file open in LibreOffice (.~lock.<name>#)", async () => {
    await fs.writeFile(target, OLD);
    const lock = libreOfficeLockFileOf(target);
    expect(path.basename(lock)).toBe(".~lock.cohort.xlsx#");
    await fs.writeFile(lock, ",Asha,host,02.12.2025 10:00,file:///home/asha/.config/libreoffice/4;");
    const result = await replaceOutputFile(target, NEW);
    expect(result).toMatchObject({ ok: false, problem: "open-in-libreoffice" });
    expect(await bytesOf(target)).toEqual(OLD);
  });

  it("refuses a target that is a folder, and a folder that does not exist", async () => {
    await fs.mkdir(target);
    expect(await replaceOutputFile(target, NEW)).toMatchObject({ ok: false, problem: "not-a-file" });
    expect(await replaceOutputFile(path.join(dir, "no", "such.xlsx"), NEW)).toMatchObject({
      ok: false,
      problem: "folder-not-writable",
    });
  });

  it("two concurrent writers: the second is refused while the first holds the lock, never a lost update", async () => {
    await fs.writeFile(target, OLD);
    let second: Awaited<ReturnType<typeof replaceOutputFile>> | undefined;
    const first = await replaceOutputFile(target, NEW, {
      onStage: async (stage) => {
        if (stage === "before-rename")
          second = await replaceOutputFile(target, new Uint8Array(Buffer.from("second")));
      },
    });
    expect(first.ok).toBe(true);
    expect(second).toMatchObject({ ok: false, problem: "locked-by-another-run" });
    expect(second?.ok || second?.message).toContain(`process ${process.pid}`);
    expect(await bytesOf(target)).toEqual(NEW);
    expect(await others()).toEqual([]);
    // Once the first has finished, the next run goes ahead.
    expect((await replaceOutputFile(target, OLD)).ok).toBe(true);
  });

  it("four writers started together: each wins the lock or is refused, the file is one writer's bytes whole", async () => {
    await fs.writeFile(target, OLD);
    const results = await Promise.all(
      ["a", "b", "c", "d"].map((s) => replaceOutputFile(target, new Uint8Array(Buffer.from(s)))),
    );
    const winners = results.filter((r) => r.ok);
    // Runs that start after another finished may win too; the refused ones wrote nothing.
    expect(winners.length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (!r.ok) expect(r.problem).toBe("locked-by-another-run");
    expect(["a", "b", "c", "d"]).toContain((await fs.readFile(target, "utf8")).toString());
    expect(await others()).toEqual([]);
  });

  it("held across read and write: refuses when the file was saved by someone else meanwhile", async () => {
    await fs.writeFile(target, OLD);
    const lock = await lockOutputFile(target);
    if (!lock.ok) throw new Error(lock.message);
    try {
      expect(await fs.readFile(lockFileOf(target), "utf8")).toContain(`"pid":${process.pid}`);
      await fs.writeFile(target, "a person saved this from Excel meanwhile");
      expect(await lock.replace(NEW)).toMatchObject({ ok: false, problem: "changed-meanwhile" });
      expect(await fs.readFile(target, "utf8")).toBe("a person saved this from Excel meanwhile");
    } finally {
      await lock.release();
    }
    expect(await others()).toEqual([]);
  });

  it("takes over the stale lock of a dead process on this machine, and says so", async () => {
    await fs.writeFile(target, OLD);
    const pid = deadPid();
    await fs.writeFile(
      lockFileOf(target),
      JSON.stringify({ pid, host: os.hostname(), time: "2026-01-01T00:00:00.000Z" }),
    );
    const result = await replaceOutputFile(target, NEW);
    expect(result.ok).toBe(true);
    expect(result.ok && result.notes.join("\n")).toMatch(new RegExp(`took over the lock .* process ${pid}`));
    expect(await bytesOf(target)).toEqual(NEW);
    expect(await others()).toEqual([]);
  });

  it("does not take over a lock from another machine (it cannot tell whether that run is alive)", async () => {
    await fs.writeFile(target, OLD);
    await fs.writeFile(lockFileOf(target), JSON.stringify({ pid: deadPid(), host: "other-pc", time: "x" }));
    expect(await replaceOutputFile(target, NEW)).toMatchObject({
      ok: false,
      problem: "locked-by-another-run",
    });
    expect(await bytesOf(target)).toEqual(OLD);
  });

  it("a crashed run's temporary file is removed by the next run", async () => {
    await fs.writeFile(target, OLD);
    const leftover = path.join(dir, `.cohort.xlsx.ilm-${deadPid()}-k3j9x2.tmp`);
    await fs.writeFile(leftover, "half a workbook with learner data", { mode: 0o600 });
    const unrelated = path.join(dir, ".other.xlsx.ilm-1-abc.tmp");
    await fs.writeFile(unrelated, "not ours to remove");
    const result = await replaceOutputFile(target, NEW);
    expect(result.ok && result.notes.join("\n")).toMatch(
      /removed a temporary file left by a crashed ilm run/,
    );
    expect(await others()).toEqual([".other.xlsx.ilm-1-abc.tmp"]);
    expect(await bytesOf(target)).toEqual(NEW);
  });

  it("removes its temporary file when writing fails, the target as it was", async () => {
    await fs.writeFile(target, OLD);
    let temp = "";
    const result = await replaceOutputFile(target, NEW, {
      onStage: (stage, t) => {
        temp = t;
        if (stage === "written") throw new Error("the disk went away");
      },
    });
    expect(result).toMatchObject({ ok: false, problem: "write-failed" });
    expect(result.ok || result.message).toMatch(/the disk went away.*as it was/);
    expect(temp).toMatch(/\.cohort\.xlsx\.ilm-\d+-[0-9a-z]+\.tmp$/);
    expect(await bytesOf(target)).toEqual(OLD);
    expect(await others()).toEqual([]);
  });

  it("replaces the file a symbolic link points to, keeping the link", async () => {
    const real = path.join(dir, "real.xlsx");
    await fs.writeFile(real, OLD);
    await fs.symlink(real, target);
    expect((await replaceOutputFile(target, NEW)).ok).toBe(true);
    expect((await fs.lstat(target)).isSymbolicLink()).toBe(true);
    expect(await bytesOf(real)).toEqual(NEW);
  });
});
