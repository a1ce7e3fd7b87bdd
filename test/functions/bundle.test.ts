import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";
import vm from "vm";
import zlib from "zlib";
import type { Fn } from "./runtime";
import { StubExcelError, stubRuntime } from "./runtime";

/*
 * The built add-in: dist/functions.js loaded in Node as Excel's runtime would load it, and dist/functions.json as
 * the metadata Excel reads. CI runs `npm run build` before the tests; when dist/ is missing or older than the
 * sources, this file builds it first.
 */

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

function ensureBuilt(): void {
  const outputs = ["functions.js", "functions.json"].map((f) => path.join(DIST, f));
  const sources = Math.max(
    newest(path.join(ROOT, "src/functions")),
    newest(path.join(ROOT, "src/domain")),
    fs.statSync(path.join(ROOT, "webpack.config.js")).mtimeMs,
  );
  if (outputs.every((f) => fs.existsSync(f) && fs.statSync(f).mtimeMs >= sources)) return;
  console.log(
    "dist/functions.* missing or older than the sources: building them (webpack --env functionsOnly)",
  );
  const cli = require.resolve("webpack-cli/bin/cli.js");
  execFileSync(process.execPath, [cli, "--mode", "production", "--env", "functionsOnly"], {
    cwd: ROOT,
    stdio: "pipe",
  });
}

interface Parameter {
  name: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMetadata {
  id: string;
  name: string;
  parameters: Parameter[];
  result: { type: string; dimensionality?: string };
  options?: Record<string, unknown>;
}
interface Metadata {
  allowCustomDataForDataTypeAny?: boolean;
  functions: FunctionMetadata[];
}

let code = "";
let metadata: Metadata;

beforeAll(() => {
  ensureBuilt();
  code = fs.readFileSync(path.join(DIST, "functions.js"), "utf8");
  metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")) as Metadata;
}, 180_000);

/** Runs the bundle in a fresh context holding only what a browser page and Excel's runtime give it. */
function loadBundle(): Map<string, Fn> {
  const runtime = stubRuntime();
  const context = vm.createContext({ CustomFunctions: runtime.CustomFunctions });
  context.self = context;
  context.window = context;
  vm.runInContext(code, context, { filename: "dist/functions.js" });
  return runtime.associated;
}

describe("dist/functions.js in a stubbed CustomFunctions runtime", () => {
  test("associates every id of dist/functions.json, and nothing else", () => {
    const associated = loadBundle();
    const ids = metadata.functions.map((f) => f.id).sort();
    expect([...associated.keys()].sort()).toEqual(ids);
    for (const id of ids) expect(typeof associated.get(id)).toBe("function");
  });

  test("answers through the associated functions as the engine does, errors as CustomFunctions.Error", () => {
    const fns = loadBundle();
    const call = (id: string, ...args: unknown[]) => (fns.get(id) as Fn)(...args);
    expect(call("SECTIONPASS", [[3, 25, 9, 22]], [[2, 20, 8, 20]], [[4, 40, 16, 40]])).toBe(true);
    expect(call("RESULT", [[4, 40, 16, 19]], [["D5.01"]], null, null)).toBe("REFERRAL");
    // A blank sent as 0, with COUNTBLANK of the marks as the generated formulas give it.
    expect(call("RESULT", [[4, 40, 0, 19]], [["D5.01"]], "", "", 1)).toBe("");
    expect(call("CREDITS", "600/5791/9", [["8580-500"], ["8580-501"]], [["PASS"], ["PASS"]])).toBe(10);
    expect(call("UNITTITLE", "D5.02")).toBe("Reviewing own ability as a management coach or mentor");
    let thrown: unknown;
    try {
      call("SECTIONPASS", [[3, "", 9, 22]], [[2, 20, 8, 20]], null);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(StubExcelError);
    expect(thrown).toMatchObject({ code: "#N/A", message: "not fully marked: 1 entry blank" });
  });

  test("stays small (at most 60 KB gzipped) and carries neither zod nor any network call", () => {
    expect(zlib.gzipSync(code).length).toBeLessThanOrEqual(60 * 1024);
    expect(code).not.toMatch(/ZodError|fetch\(|XMLHttpRequest|WebSocket|sendBeacon/);
  });

  test("is loaded by taskpane.html, the shared runtime's one page, before the task pane", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require("../../webpack.config.js") as (env: object, argv: object) => { plugins: object[] };
    const pages = config({}, { mode: "production" }).plugins.filter(
      (p): p is { userOptions: { filename: string; chunks: string[] } } =>
        (p as { constructor: { name: string } }).constructor.name === "HtmlWebpackPlugin",
    );
    const taskpane = pages.find((p) => p.userOptions.filename === "taskpane.html");
    expect(taskpane?.userOptions.chunks[0]).toBe("functions");
  });
});

const M = { dimensionality: "matrix", type: "any" } as const;
const S = { type: "any" } as const;
const PROGRESS = [
  { name: "qualification", ...S },
  { name: "units", ...M },
  { name: "outcomes", ...M },
];

/** The contract with Excel: ids, parameters (type, dimensionality, optional) and result types. */
const EXPECTED: Record<string, { parameters: Parameter[]; result: string }> = {
  SECTIONPASS: {
    parameters: [
      { name: "marks", ...M },
      { name: "minimums", ...M },
      { name: "maxima", ...M, optional: true },
      { name: "blanks", ...S, optional: true },
    ],
    result: "boolean",
  },
  RESULT: {
    parameters: [
      { name: "marks", ...M },
      { name: "scheme", ...M },
      { name: "maxima", ...M, optional: true },
      { name: "pass_total", ...S, optional: true },
      { name: "blanks", ...S, optional: true },
    ],
    result: "string",
  },
  REFERRED: {
    parameters: [
      { name: "marks", ...M },
      { name: "scheme", ...M },
      { name: "section_names", ...M, optional: true },
      { name: "blanks", ...S, optional: true },
    ],
    result: "string",
  },
  CRITERIA: {
    parameters: [
      { name: "results", ...M },
      { name: "blanks", ...S, optional: true },
    ],
    result: "string",
  },
  CREDITS: { parameters: PROGRESS, result: "number" },
  ACHIEVED: { parameters: PROGRESS, result: "boolean" },
  NEEDS: { parameters: PROGRESS, result: "string" },
  DEADLINE: {
    parameters: [
      { name: "qualification", ...S },
      { name: "registered", ...S },
    ],
    result: "number",
  },
  UNITCREDITS: { parameters: [{ name: "unit", ...S }], result: "number" },
  UNITTITLE: { parameters: [{ name: "unit", ...S }], result: "string" },
};

describe("dist/functions.json", () => {
  test("declares exactly the ILM functions, each named by its id", () => {
    expect(metadata.functions.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const f of metadata.functions) expect(f.name).toBe(f.id);
  });

  test.each(Object.entries(EXPECTED))("pins %s's parameters and result type", (id, expected) => {
    const f = metadata.functions.find((x) => x.id === id) as FunctionMetadata;
    const parameters = f.parameters.map(({ name, type, dimensionality, optional }) => ({
      name,
      type,
      ...(dimensionality ? { dimensionality } : {}),
      ...(optional ? { optional } : {}),
    }));
    expect(parameters).toEqual(expected.parameters);
    expect(f.result).toEqual({ type: expected.result });
  });

  test("declares every parameter as any, so that a blank cell is never made 0 by the parameter's type", () => {
    for (const f of metadata.functions) for (const p of f.parameters) expect(p.type).toBe("any");
  });

  test("has no volatile, streaming or other special function, and takes plain cell values", () => {
    for (const f of metadata.functions) expect(f.options).toBeUndefined();
    expect(metadata.allowCustomDataForDataTypeAny).toBe(false);
  });
});

describe("the metadata build sends no usage data", () => {
  test("loading custom-functions-metadata-plugin loads no office-addin-usage-data module", () => {
    const script = [
      'require("custom-functions-metadata-plugin");',
      "const loaded = Object.keys(require.cache).filter((p) => p.includes('office-addin-usage-data'));",
      "process.stdout.write(JSON.stringify(loaded));",
    ].join("\n");
    const out = execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual([]);
  });

  test("the installed office-addin-usage-data reports nothing even if loaded", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const usage = require("office-addin-usage-data") as {
      OfficeAddinUsageData: new (o: object) => { isUsageDataOn(): boolean; getUsageDataLevel(): string };
    };
    const reporter = new usage.OfficeAddinUsageData({ projectName: "ilm", instrumentationKey: "x" });
    expect(reporter.isUsageDataOn()).toBe(false);
    expect(reporter.getUsageDataLevel()).toBe("off");
  });
});
