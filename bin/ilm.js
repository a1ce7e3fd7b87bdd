#!/usr/bin/env node
"use strict";
// The `ilm` command: runs the compiled command line in lib/ (built by `npm run build:cli`, and by `npm ci` through
// the prepare script).
let cli;
try {
  cli = require("../lib/cli/main.js");
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND" && /lib[\\/]cli[\\/]main/.test(String(error.message))) {
    process.stderr.write(
      "ilm: the command line is not built yet; run `npm run build:cli` (or `npm ci`) first\n",
    );
    process.exit(2);
  }
  throw error;
}
cli.main(process.argv.slice(2), cli.nodeIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`ilm: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
