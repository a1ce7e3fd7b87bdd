import * as fs from "node:fs/promises";
import * as path from "node:path";
import { main } from "../../src/cli/main";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `ilm` in-process from the repository root; `files` are served instead of the disk (paths from the root). */
export async function runCli(argv: string[], files: Record<string, string> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: async (file) => {
      const own = files[path.relative(ROOT, file)];
      return own ?? fs.readFile(file, "utf8");
    },
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}
