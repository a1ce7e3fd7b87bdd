#!/usr/bin/env node
/*
 * npm start: serves the add-in over https at https://localhost:3000 (webpack dev server, certificates from
 * office-addin-dev-certs) and adds it to Excel where that can be done without extra tools:
 * - Windows: registers manifest.xml as a developer add-in (the registry key Office reads at start-up);
 * - macOS: copies manifest.xml into Excel's "wef" folder;
 * - Linux (no desktop Excel): prints the steps for Excel on the web instead of failing.
 * Nothing is sent anywhere. Options: --port <n> (default 3000), --no-sideload.
 */
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** The certificate for https://localhost: trusted by the system where office-addin-dev-certs can install it. */
async function httpsOptions() {
  const certs = require("office-addin-dev-certs");
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = {
    ca: path.join(dir, "ca.crt"),
    cert: path.join(dir, "localhost.crt"),
    key: path.join(dir, "localhost.key"),
  };
  if (process.platform === "win32" || process.platform === "darwin") {
    // Creates the certificates when missing and asks the system to trust the CA (a prompt the first time).
    return certs.getHttpsServerOptions();
  }
  // Linux: installing the CA needs sudo; create the files only and say how to trust them in the browser.
  if (!Object.values(files).every((f) => fs.existsSync(f))) {
    await certs.generateCertificates(files.ca, files.cert, files.key);
  }
  return {
    ca: fs.readFileSync(files.ca),
    cert: fs.readFileSync(files.cert),
    key: fs.readFileSync(files.key),
  };
}

function manifestId() {
  const match = /<Id>([^<]+)<\/Id>/.exec(fs.readFileSync(MANIFEST, "utf8"));
  return match ? match[1].trim() : "ilm-markbook";
}

/** Adds the add-in to desktop Excel where a plain file or registry entry does it; returns what was done. */
function sideload() {
  if (process.platform === "win32") {
    const key = "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer";
    execFileSync("reg", ["add", key, "/v", manifestId(), "/t", "REG_SZ", "/d", MANIFEST, "/f"], {
      stdio: "ignore",
    });
    return [
      `Registered ${MANIFEST} with desktop Excel (${key}).`,
      "Start Excel (close it first if it is open), open a workbook and choose Home > ILM Markbook.",
      "To remove it later: reg delete " + `"${key}" /v ${manifestId()} /f`,
    ];
  }
  if (process.platform === "darwin") {
    const wef = path.join(os.homedir(), "Library/Containers/com.microsoft.Excel/Data/Documents/wef");
    if (!fs.existsSync(path.dirname(wef))) return null;
    fs.mkdirSync(wef, { recursive: true });
    fs.copyFileSync(MANIFEST, path.join(wef, "ilm-markbook.manifest.xml"));
    return [
      `Copied manifest.xml to ${wef}.`,
      "Restart Excel, open a workbook and choose Home > Add-ins > ILM Markbook.",
    ];
  }
  return null;
}

function webSteps(port) {
  return [
    "Excel on the web:",
    "  1. Trust the development certificate in your browser: open https://localhost:" +
      port +
      "/taskpane.html once",
    `     and accept it, or import ${path.join(os.homedir(), ".office-addin-dev-certs", "ca.crt")} as a trusted authority.`,
    "  2. Open a workbook at https://www.office.com (or in OneDrive or SharePoint).",
    "  3. Home > Add-ins > More add-ins > Upload My Add-in (or Insert > Add-ins > Office Add-ins > Upload My Add-in).",
    `  4. Browse to ${MANIFEST} and choose Upload.`,
    "  5. Choose Home > ILM Markbook to open the task pane.",
    "Excel on the web reaches https://localhost from your own browser, so it works on Linux too.",
  ];
}

async function main() {
  const port = Number(option("--port", "3000"));
  const webpack = require("webpack");
  const WebpackDevServer = require("webpack-dev-server");
  const config = require(path.join(ROOT, "webpack.config.js"))({}, { mode: "development" });
  const server = new WebpackDevServer(
    {
      port,
      host: "localhost",
      server: { type: "https", options: await httpsOptions() },
      headers: { "Access-Control-Allow-Origin": "*" },
      client: { overlay: { warnings: false, errors: true } },
      static: false,
      hot: false,
      liveReload: true,
    },
    webpack(config),
  );
  await server.start();

  const lines = [`The add-in is served at https://localhost:${port}/taskpane.html (Ctrl+C to stop).`, ""];
  let done = null;
  if (!process.argv.includes("--no-sideload")) {
    try {
      done = sideload();
    } catch (error) {
      lines.push(`Could not add the add-in to desktop Excel automatically: ${error.message}`, "");
    }
  }
  if (done) lines.push(...done, "");
  lines.push(...webSteps(port));
  console.log(["", ...lines, ""].join("\n"));
}

main().catch((error) => {
  console.error(`npm start failed: ${error.message}`);
  process.exit(1);
});
