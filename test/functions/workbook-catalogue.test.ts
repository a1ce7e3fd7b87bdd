import type { CatalogueFile } from "../../src/domain";
import { parseCatalogueFile } from "../../src/domain";
import { resultAnswer } from "../../src/functions/answers";
import { Failure } from "../../src/functions/errors";
import { currentCatalogue, publishCentreCatalogues } from "../../src/functions/workbook-catalogue";

const centreFile: CatalogueFile = (() => {
  const parsed = parseCatalogueFile(
    {
      format: "ilm-catalogue/1",
      name: "Northfield centre",
      assessments: [
        {
          id: "D7.01-ASSIGNMENT",
          title: "Centre assignment for D7.01",
          kind: "sectioned",
          units: ["D7.01"],
          passTotal: 50,
          sections: [
            { name: "Role of the coach", short: "Role", max: 50, min: 25 },
            { name: "Leadership performance", short: "Performance", max: 50, min: 25 },
          ],
        },
      ],
    },
    "centre.json",
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
})();

afterEach(() => publishCentreCatalogues([]));

describe("the ILM functions answer from the workbook's catalogue", () => {
  it("know only the ILM catalogue until the task pane publishes the workbook's centre files", () => {
    expect(resultAnswer([[30, 30]], [["D7.01-ASSIGNMENT"]], undefined, undefined)).toBeInstanceOf(Failure);
  });

  it("compute a centre's own mark scheme once the pane has published it", () => {
    publishCentreCatalogues([{ source: "centre.json", file: centreFile }]);
    expect(resultAnswer([[30, 30]], [["D7.01-ASSIGNMENT"]], undefined, undefined)).toBe("PASS");
    expect(resultAnswer([[20, 40]], [["D7.01-ASSIGNMENT"]], undefined, undefined)).toBe("REFERRAL");
    expect(resultAnswer([[20, ""]], [["D7.01-ASSIGNMENT"]], undefined, undefined)).toBe("");
  });

  it("index the published files once, and again only when the pane publishes others", () => {
    const files = [{ source: "centre.json", file: centreFile }];
    publishCentreCatalogues(files);
    const first = currentCatalogue();
    expect(currentCatalogue()).toBe(first);
    publishCentreCatalogues([...files]);
    expect(currentCatalogue()).not.toBe(first);
    expect(currentCatalogue().assessments.has("D7.01-ASSIGNMENT")).toBe(true);
  });
});
