import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

/*
 * manifest.xml checked offline (no online validator is reachable): well-formed, every resid defined, the ILM
 * namespace, one shared runtime for the task pane and the functions, https only, icons present at their sizes.
 */

const ROOT = path.resolve(__dirname, "../..");
const SOURCE = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../../webpack.config.js") as ((env: object, argv: object) => unknown) & {
  DEV_URL: string;
  manifestFor: (content: string, url: string) => string;
};

interface Element {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: Element[];
  readonly text: string;
}

type Raw = Record<string, unknown>;

function toElements(nodes: Raw[]): Element[] {
  const out: Element[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ":@");
    if (!name || name === "#text" || name === "?xml" || name === "#comment") continue;
    const kids = node[name] as Raw[];
    const attrs = (node[":@"] ?? {}) as Record<string, string>;
    const text = kids
      .filter((k) => "#text" in k)
      .map((k) => String(k["#text"]))
      .join("");
    out.push({ name, attrs, children: toElements(kids), text });
  }
  return out;
}

function parse(xml: string): Element {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", preserveOrder: true });
  const [root] = toElements(parser.parse(xml) as Raw[]);
  if (!root) throw new Error("no root element");
  return root;
}

function all(e: Element): Element[] {
  return [e, ...e.children.flatMap(all)];
}

function child(e: Element, name: string): Element {
  const found = e.children.find((c) => c.name === name);
  if (!found) throw new Error(`${e.name} has no ${name}`);
  return found;
}

function path_(e: Element, ...names: string[]): Element {
  return names.reduce(child, e);
}

const root = parse(SOURCE);
const elements = all(root);
const resources = path_(root, "VersionOverrides", "Resources");
const resourceIds = new Map(
  all(resources)
    .filter((e) => e.attrs.id !== undefined && e.attrs.DefaultValue !== undefined)
    .map((e) => [e.attrs.id as string, e.attrs.DefaultValue as string]),
);
const host = path_(root, "VersionOverrides", "Hosts", "Host");

/** Every URL the add-in is loaded from (XML namespace names are identifiers, not addresses, so not these). */
function urlsIn(xml: Element): string[] {
  const isUrl = (v: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(v.trim());
  return all(xml).flatMap((e) => [
    ...Object.entries(e.attrs)
      .filter(([name, value]) => !name.startsWith("xmlns") && isUrl(value))
      .map(([, value]) => value),
    ...(isUrl(e.text) ? [e.text.trim()] : []),
  ]);
}

describe("manifest.xml", () => {
  test("is well-formed XML for an Excel task-pane add-in in en-GB", () => {
    expect(XMLValidator.validate(SOURCE)).toBe(true);
    expect(root.name).toBe("OfficeApp");
    expect(root.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(child(root, "DefaultLocale").text).toBe("en-GB");
    expect(path_(root, "Hosts", "Host").attrs.Name).toBe("Workbook");
    expect(host.attrs["xsi:type"]).toBe("Workbook");
  });

  test("defines every resid it uses, each id once", () => {
    const defined = all(resources).filter((e) => e.attrs.id !== undefined);
    expect(new Set(defined.map((e) => e.attrs.id)).size).toBe(defined.length);
    const used = elements.filter((e) => e.attrs.resid !== undefined).map((e) => e.attrs.resid as string);
    expect(used.length).toBeGreaterThan(10);
    for (const resid of used) expect(resourceIds.has(resid) ? resid : `undefined resid ${resid}`).toBe(resid);
  });

  test("requires SharedRuntime 1.1", () => {
    const sets = path_(root, "Requirements", "Sets").children.filter((e) => e.name === "Set");
    expect(sets).toContainEqual(
      expect.objectContaining({ attrs: { Name: "SharedRuntime", MinVersion: "1.1" } }),
    );
  });

  test("puts Runtimes right after Host, with one long-lived runtime", () => {
    expect(host.children[0]?.name).toBe("Runtimes");
    const runtimes = child(host, "Runtimes").children;
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0]?.attrs.lifetime).toBe("long");
  });

  test("runs the task pane and the functions page on the same runtime, taskpane.html", () => {
    const runtime = path_(host, "Runtimes", "Runtime").attrs.resid;
    const functions = path_(host, "AllFormFactors", "ExtensionPoint");
    expect(functions.attrs["xsi:type"]).toBe("CustomFunctions");
    expect(path_(functions, "Page", "SourceLocation").attrs.resid).toBe(runtime);
    const actions = elements.filter((e) => e.name === "Action" && e.attrs["xsi:type"] === "ShowTaskpane");
    expect(actions).toHaveLength(1);
    expect(path_(actions[0] as Element, "SourceLocation").attrs.resid).toBe(runtime);
    expect(child(path_(host, "DesktopFormFactor"), "FunctionFile").attrs.resid).toBe(runtime);
    expect(resourceIds.get(runtime as string)).toMatch(/\/taskpane\.html$/);
  });

  test("declares the ILM namespace, functions.js and functions.json", () => {
    const functions = path_(host, "AllFormFactors", "ExtensionPoint");
    expect(resourceIds.get(child(functions, "Namespace").attrs.resid as string)).toBe("ILM");
    expect(resourceIds.get(path_(functions, "Script", "SourceLocation").attrs.resid as string)).toMatch(
      /\/functions\.js$/,
    );
    expect(resourceIds.get(path_(functions, "Metadata", "SourceLocation").attrs.resid as string)).toMatch(
      /\/functions\.json$/,
    );
  });

  test("has a ribbon button on the Home tab that opens the task pane", () => {
    const tab = path_(host, "DesktopFormFactor", "ExtensionPoint", "OfficeTab");
    expect(tab.attrs.id).toBe("TabHome");
    const button = all(tab).find((e) => e.name === "Control" && e.attrs["xsi:type"] === "Button");
    expect(button && path_(button, "Action").attrs["xsi:type"]).toBe("ShowTaskpane");
  });

  test("uses https URLs only", () => {
    const urls = urlsIn(root);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
  });

  test("points at icons in assets/ that are PNGs of the stated sizes", () => {
    const images = all(resources).filter((e) => e.name === "bt:Image");
    const icons = [
      ...images.map((e) => e.attrs.DefaultValue as string),
      ...["IconUrl", "HighResolutionIconUrl"].map((n) => child(root, n).attrs.DefaultValue as string),
    ];
    for (const url of icons) {
      const match = /\/assets\/icon-(\d+)\.png$/.exec(url);
      expect(match).not.toBeNull();
      const size = Number(match?.[1]);
      const png = fs.readFileSync(path.join(ROOT, "assets", `icon-${size}.png`));
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    for (const e of elements.filter((x) => x.name === "bt:Image" && x.attrs.size !== undefined)) {
      expect(resourceIds.get(e.attrs.resid as string)).toMatch(new RegExp(`/icon-${e.attrs.size}\\.png$`));
    }
  });
});

describe("the production URL setting (ADDIN_URL)", () => {
  const PRODUCTION = "https://addins.example.org/ilm";

  test("replaces the development origin everywhere in the built manifest", () => {
    const built = webpackConfig.manifestFor(SOURCE, PRODUCTION);
    expect(XMLValidator.validate(built)).toBe(true);
    expect(built).not.toContain("localhost");
    for (const url of urlsIn(parse(built))) expect(url.startsWith(PRODUCTION)).toBe(true);
  });

  test("must be https", () => {
    const before = process.env.ADDIN_URL;
    process.env.ADDIN_URL = "http://addins.example.org/ilm";
    try {
      expect(() => webpackConfig({}, { mode: "production" })).toThrow(
        /ADDIN_URL must be an https:\/\/ address/,
      );
    } finally {
      if (before === undefined) delete process.env.ADDIN_URL;
      else process.env.ADDIN_URL = before;
    }
  });
});

describe("manifest.xml read by Microsoft's own manifest reader (office-addin-manifest)", () => {
  // The reader loads ES modules that jest's CommonJS loader cannot, so it runs in a plain Node process.
  const read = (file: string) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [
          "-e",
          'require("office-addin-manifest").OfficeAddinManifest.readManifestFile(process.argv[1])' +
            ".then((info) => process.stdout.write(JSON.stringify(info)))",
          file,
        ],
        { cwd: ROOT, encoding: "utf8" },
      ),
    ) as import("office-addin-manifest").ManifestInfo;

  it("is an Excel task-pane add-in with a GUID id, en-GB strings and https pages", () => {
    const info = read(path.join(ROOT, "manifest.xml"));
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.officeAppType).toBe("TaskPaneApp");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.defaultLocale).toBe("en-GB");
    expect(info.displayName).toBe("ILM Markbook");
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.defaultSettings?.sourceLocation).toMatch(/^https:\/\/.*\/taskpane\.html$/);
    expect(info.iconUrl).toMatch(/^https:\/\//);
  });
});
