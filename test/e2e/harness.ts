/**
 * What every end-to-end test shares: the production task pane built on the in-memory workbook harness, served from
 * localhost, driven in Debian's Chromium through playwright-core; pages that may reach only that server; axe's
 * serious and critical findings; screenshots in test/artifacts/e2e/ (git-ignored).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { serveFolder } from "./server";

export const CHROMIUM = "/usr/bin/chromium";
export const ROOT = path.resolve(__dirname, "../..");
export const ARTIFACTS = path.join(ROOT, "test/artifacts/e2e");
const AXE = path.join(ROOT, "node_modules/axe-core/axe.min.js");

/**
 * `describe` when Chromium is there (or in CI, where a missing browser must fail); otherwise `describe.skip`, said
 * loudly.
 */
export function describeWithChromium(what: string): jest.Describe {
  const have = existsSync(CHROMIUM);
  if (!have && process.env.CI !== "true")
    console.warn(
      `\n!!! SKIPPING ${what}: ${CHROMIUM} is missing (apt-get install chromium). ` +
        "In CI (CI=true) this test runs and fails instead of skipping. !!!\n",
    );
  return have || process.env.CI === "true" ? describe : describe.skip;
}

export interface Harness {
  /** The folder the production build was written to. */
  readonly build: string;
  /** Opens a page of the given size that may reach only the local server, at `pathAndQuery`. */
  open(
    pathAndQuery: string,
    size?: { width: number; height: number },
  ): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** Builds the production task pane with the harness page (webpack --mode production), serves it, starts Chromium. */
export async function startHarness(name: string): Promise<Harness> {
  const build = mkdtempSync(path.join(os.tmpdir(), `ilm-${name}-e2e-`));
  mkdirSync(ARTIFACTS, { recursive: true });
  await promisify(execFile)(
    process.execPath,
    [
      path.join(ROOT, "node_modules/webpack-cli/bin/cli.js"),
      "--mode",
      "production",
      "--env",
      "harness",
      "--output-path",
      build,
    ],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  const server = await serveFolder(build);
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    build,
    async open(pathAndQuery, size = { width: 320, height: 900 }) {
      const page = await browser.newPage({ viewport: size, locale: "en-GB" });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      await page.route("**/*", (route) =>
        route.request().url().startsWith(server.url) ? route.continue() : route.abort(),
      );
      await page.goto(`${server.url}/${pathAndQuery}`);
      return { page, errors };
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(build, { recursive: true, force: true });
    },
  };
}

interface AxeResults {
  violations: {
    id: string;
    impact?: string | null;
    help: string;
    nodes: { target: string[]; html: string }[];
  }[];
}

/** axe's serious and critical findings on the page as it is, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document) => Promise<AxeResults> } }).axe;
    return axe.run(document);
  });
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isTabsterSentinel(v.id, n.html)) }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
}

/**
 * The one finding set aside: Fluent UI's focus manager (Tabster) puts `<i data-tabster-dummy tabindex="0"
 * aria-hidden="true">` sentinels around arrow-key groups such as the TabList. They only hand focus on at once and
 * are hidden so screen readers do not announce them; axe's aria-hidden-focus rule flags them all the same
 * (microsoft/tabster#288; Accessibility Insights suppresses the same rule for these nodes). Only that rule on only
 * those nodes is ignored; every other node of every rule counts.
 */
function isTabsterSentinel(rule: string, html: string): boolean {
  return rule === "aria-hidden-focus" && /^<i\b[^>]*\bdata-tabster-dummy=/.test(html);
}

/** Nothing is wider than the pane: how far the page scrolls sideways (0 when it does not). */
export const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** A full-page screenshot in test/artifacts/e2e/. */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
