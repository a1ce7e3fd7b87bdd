/**
 * The task pane's initial JavaScript: a production build (webpack --mode production) into a temporary folder, then
 * the gzip size (level 9) of every local script taskpane.html references, which is what the page loads before it
 * shows its first screen (functions.js, for the shared runtime, and taskpane.js). The tabs' chunks, fetched later,
 * are listed but not counted. Target: at most 160 KB.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = path.join(__dirname, "..");
const BUDGET_KB = 160;

const out = mkdtempSync(path.join(os.tmpdir(), "ilm-bench-taskpane-"));
try {
  const started = Date.now();
  execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out],
    { cwd: ROOT, stdio: "ignore" },
  );
  const buildSeconds = (Date.now() - started) / 1000;
  const kb = (file: string) => gzipSync(readFileSync(path.join(out, file)), { level: 9 }).length / 1024;
  const html = readFileSync(path.join(out, "taskpane.html"), "utf8");
  const initial = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)]
    .map((m) => m[1] as string)
    .filter((src) => !/^https?:/.test(src));
  const lazy = readdirSync(out).filter((f) => f.endsWith(".js") && !initial.includes(f));
  const total = initial.reduce((sum, f) => sum + kb(f), 0);
  console.log(`production build: ${buildSeconds.toFixed(1)} s`);
  for (const f of initial) console.log(`  initial ${f.padEnd(28)} ${kb(f).toFixed(1).padStart(7)} KB gzip`);
  console.log(
    `  later   ${lazy.length} chunks (tabs, catalogue, Excel adapter) ${lazy
      .reduce((sum, f) => sum + kb(f), 0)
      .toFixed(1)} KB gzip in all`,
  );
  console.log(`task pane initial JavaScript: ${total.toFixed(1)} KB gzip (target at most ${BUDGET_KB} KB)`);
  if (total > BUDGET_KB) process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
