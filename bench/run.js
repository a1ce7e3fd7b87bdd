#!/usr/bin/env node
"use strict";
// `npm run bench`: runs every bench/*.bench.ts in its own Node process, compiled on the fly with @swc/core (this
// same file is preloaded with --require to register the .ts hook). Builds lib/ first, because benches time the
// real `ilm` program.
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

if (require.main !== module) {
  // Preloaded in a bench process: compile TypeScript files as they are required.
  const swc = require("@swc/core");
  require.extensions[".ts"] = (module, filename) => {
    const source = fs.readFileSync(filename, "utf8");
    const { code } = swc.transformSync(source, {
      filename,
      jsc: { parser: { syntax: "typescript" }, target: "es2022" },
      module: { type: "commonjs" },
      sourceMaps: "inline",
    });
    module._compile(code, filename);
  };
  return;
}

const root = path.join(__dirname, "..");
const only = process.argv.slice(2);
const benches = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

console.log("building lib/ (tsc -p tsconfig.cli.json) ...");
const build = spawnSync(
  process.execPath,
  [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"],
  {
    cwd: root,
    stdio: "inherit",
  },
);
if (!fs.existsSync(path.join(root, "lib", "cli", "main.js"))) {
  console.error("bench: lib/cli/main.js was not built");
  process.exit(1);
}
if (build.status !== 0) console.error("bench: tsc reported errors (see above); benching what was emitted");

let failed = 0;
for (const bench of benches) {
  console.log(`\n== ${bench} ==`);
  const r = spawnSync(process.execPath, ["--require", __filename, path.join(__dirname, bench)], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) {
    failed++;
    console.error(`bench ${bench} failed (exit ${r.status})`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
