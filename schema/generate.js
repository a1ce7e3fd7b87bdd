#!/usr/bin/env node
"use strict";
// `npm run schema`: regenerates the committed JSON Schemas from the zod schemas (after `npm run build:cli`).
const fs = require("node:fs");
const path = require("node:path");
const { schemaFiles, schemaText } = require("../lib/cli/schemas.js");
const { samplingSchemaFile } = require("../lib/cli/sample.js");

const root = path.join(__dirname, "..");
for (const schema of [...schemaFiles(), samplingSchemaFile()]) {
  fs.writeFileSync(path.join(root, schema.file), schemaText(schema));
  console.log(`wrote ${schema.file}`);
}
