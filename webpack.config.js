/* Build of the Excel add-in: the ILM.* custom functions, the task pane, functions.json and the manifest. */
const fs = require("fs");
const path = require("path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
/*
 * custom-functions-metadata-plugin writes functions.json from the JSDoc in src/functions/functions.ts. It uses only
 * custom-functions-metadata's generator (parseTree/generate); the package's usage-data module
 * (office-addin-usage-data) is required only by its command line, and the installed office-addin-usage-data 2.x is
 * a set of no-ops (usage-data reporting was removed upstream). So the build sends nothing; test/functions pins it.
 */
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

/**
 * Where the add-in is served. The ONE setting for a deployment: ADDIN_URL=https://addins.example.org/ilm npm run build.
 * manifest.xml is written for https://localhost:3000 (the dev server); the build replaces that origin with ADDIN_URL.
 */
const DEV_URL = "https://localhost:3000";
/** Office.js, which Office requires every add-in page to load (OFFICE_JS_URL to serve a copy of it yourself). */
const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

function settingUrl(name, fallback) {
  const url = (process.env[name] || fallback).trim().replace(/\/+$/, "");
  if (!/^https:\/\/[^\s"'<>&]+$/.test(url)) {
    throw new Error(`${name} must be an https:// address without spaces, quotes or &, got "${url}"`);
  }
  return url;
}

/** manifest.xml with the development origin replaced by the production URL. */
function manifestFor(content, url) {
  return String(content).split(DEV_URL).join(url);
}

const FUNCTIONS_SOURCE = "./src/functions/functions.ts";
const TASKPANE_SOURCE = "./src/taskpane/index.tsx";
const TASKPANE_TEMPLATE = "./src/taskpane/taskpane.html";
const HARNESS_SOURCE = "./test/harness/harness.ts";
const HARNESS_TEMPLATE = "./test/harness/harness.html";

/**
 * Sets allowCustomDataForDataTypeAny to false in functions.json (the generator always writes true): the functions
 * take plain cell values, so Excel passes a date or a formatted number as its number, never as a data-type object.
 */
class PlainValuesPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("PlainValuesPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "PlainValuesPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset = compilation.getAsset("functions.json");
          if (!asset) return;
          const metadata = JSON.parse(asset.source.source().toString());
          metadata.allowCustomDataForDataTypeAny = false;
          compilation.updateAsset(
            "functions.json",
            new webpack.sources.RawSource(JSON.stringify(metadata, null, 2)),
          );
        },
      );
    });
  }
}

/** taskpane.html: the task pane and, in the same page (the shared runtime), the functions. */
function taskpanePage(officeJs, hasTaskpane, hasTaskpaneTemplate) {
  return new HtmlWebpackPlugin({
    filename: "taskpane.html",
    ...(hasTaskpaneTemplate
      ? { template: TASKPANE_TEMPLATE, templateParameters: { officeJs } }
      : {
          templateContent: `<!doctype html><html lang="en-GB"><head><meta charset="UTF-8" /><title>ILM Markbook</title><script src="${officeJs}"></script></head><body><div id="root"></div></body></html>`,
        }),
    chunks: hasTaskpane ? ["functions", "taskpane"] : ["functions"],
    chunksSortMode: "manual",
  });
}

/**
 * `webpack --env functionsOnly` builds only the functions (functions.js, functions.json, functions.html, the manifest
 * and icons) over an existing dist/, without cleaning it: what test/functions needs, in seconds.
 */
module.exports = (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  const functionsOnly = Boolean(env.functionsOnly);
  const addinUrl = settingUrl("ADDIN_URL", DEV_URL);
  const officeJs = settingUrl("OFFICE_JS_URL", OFFICE_JS_URL);
  const hasTaskpane = !functionsOnly && fs.existsSync(path.resolve(__dirname, TASKPANE_SOURCE));
  const hasTaskpaneTemplate = fs.existsSync(path.resolve(__dirname, TASKPANE_TEMPLATE));

  const entry = { functions: FUNCTIONS_SOURCE };
  if (hasTaskpane) entry.taskpane = TASKPANE_SOURCE;
  // `--env harness` (the end-to-end test only): harness.html runs the same taskpane.js on an in-memory workbook.
  const harness = hasTaskpane && Boolean(env.harness);
  if (harness) entry.harness = HARNESS_SOURCE;

  return {
    mode: production ? "production" : "development",
    devtool: "source-map",
    entry,
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // The task pane's tabs, fetched when first opened: named by content, so a new release is never served stale.
      chunkFilename: "[name].[contenthash:8].js",
      clean: !functionsOnly,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
      // import("./Overview.js") (TypeScript's node16 rule for import()) is the .tsx file: the task pane's lazy tabs.
      extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
      // csv-parse's default build expects Node's Buffer; its browser build carries its own (the task pane reads CSV).
      alias: { "csv-parse/sync$": path.resolve(__dirname, "node_modules/csv-parse/dist/esm/sync.js") },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "swc-loader",
            options: {
              jsc: {
                parser: { syntax: "typescript", tsx: true },
                transform: { react: { runtime: "automatic" } },
                target: "es2017",
              },
            },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTIONS_SOURCE }),
      new PlainValuesPlugin(),
      new HtmlWebpackPlugin({
        filename: "functions.html",
        template: "./src/functions/functions.html",
        templateParameters: { officeJs },
        chunks: ["functions"],
      }),
      // The shared runtime: one page, taskpane.html, runs the task pane and the functions (see manifest.xml).
      ...(functionsOnly ? [] : [taskpanePage(officeJs, hasTaskpane, hasTaskpaneTemplate)]),
      ...(harness
        ? [
            new HtmlWebpackPlugin({
              filename: "harness.html",
              template: HARNESS_TEMPLATE,
              chunks: ["harness", "taskpane"],
              chunksSortMode: "manual",
            }),
          ]
        : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => manifestFor(content, addinUrl),
          },
        ],
      }),
    ],
    performance: {
      hints: production ? "warning" : false,
      maxEntrypointSize: 1_500_000,
      maxAssetSize: 1_500_000,
    },
  };
};

module.exports.DEV_URL = DEV_URL;
module.exports.manifestFor = manifestFor;
