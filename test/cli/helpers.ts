import * as fs from "node:fs/promises";
import * as path from "node:path";
import { main } from "../../src/cli/main";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `ilm` in-process from the repository root; `files` (text or bytes) are served instead of the disk (paths from
 * the root); `today` pins the date the command takes for today (the system clock's otherwise).
 */
export async function runCli(
  argv: string[],
  files: Record<string, string | Uint8Array> = {},
  today?: string,
): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: async (file) => {
      const own = files[path.relative(ROOT, file)];
      if (own === undefined) return fs.readFile(file, "utf8");
      return typeof own === "string" ? own : new TextDecoder().decode(own);
    },
    readFileBytes: async (file) => {
      const own = files[path.relative(ROOT, file)];
      if (own === undefined) return new Uint8Array(await fs.readFile(file));
      return typeof own === "string" ? new TextEncoder().encode(own) : own;
    },
    cwd: ROOT,
    ...(today !== undefined ? { today: () => today } : {}),
  });
  return { code, stdout, stderr };
}

/** `ilm` run in-process in a folder, reading the disk: its exit code, stdout and stderr. */
export function ilmIn(
  dir: string,
): (...args: string[]) => Promise<{ code: number; out: string; err: string }> {
  return async (...args) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      readFile: (p) => fs.readFile(p, "utf8"),
      cwd: dir,
    });
    return { code, out: out.join(""), err: err.join("") };
  };
}
