/** @jest-environment jsdom */
import { screen, within } from "@testing-library/react";
import { createMemoryPort } from "../../src/workbook/memory-port";
import { renderPane, typist } from "./renderPane";
import { setUpState } from "./testPort";

jest.setTimeout(30_000);

/** A centre's own mark scheme for the Level 7 unit D7.01, which the specifications leave out. */
const centreFile = {
  format: "ilm-catalogue/1",
  name: "Northfield additions",
  assessments: [
    {
      id: "D7.01",
      title: "Leadership mentoring review",
      units: ["D7.01"],
      kind: "sectioned",
      passTotal: 50,
      sections: [
        { name: "Role of the mentor", short: "Role", max: 50, min: 25 },
        { name: "Impact on performance", short: "Impact", max: 50, min: 25 },
      ],
    },
  ],
};

const file = (json: unknown, name: string) =>
  new File([typeof json === "string" ? json : JSON.stringify(json)], name, { type: "application/json" });

async function catalogueTab(port = createMemoryPort()) {
  const user = typist();
  renderPane(port);
  await user.click(await screen.findByRole("tab", { name: "Catalogue" }));
  return user;
}

describe("the catalogue", () => {
  it("shows a qualification's units and each mark scheme with section maximum and minimum", async () => {
    const user = await catalogueTab();
    await user.click(
      screen.getByRole("button", { name: /Certificate in Coaching and Mentoring in Management/ }),
    );
    const units = screen.getByRole("list", {
      name: /Units of ILM Level 5 Certificate in Coaching and Mentoring in Management/,
    });
    expect(within(units).getAllByRole("listitem")).toHaveLength(3);
    const sections = screen.getByRole("table", { name: "D5.01 sections" });
    const context = within(sections).getByRole("row", { name: /Context of the assignment/ });
    expect(
      within(context)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["Context of the assignment", "4", "2"]);
    expect(screen.getAllByText(/Pass: a total of 50 or more and every section at its minimum/)).toHaveLength(
      2,
    );
  });

  it("imports a centre catalogue into the workbook and shows its mark scheme", async () => {
    const port = createMemoryPort();
    await port.saveState(setUpState());
    const user = await catalogueTab(port);
    await user.upload(screen.getByLabelText("Centre catalogue file"), file(centreFile, "northfield.json"));

    expect(await screen.findByText("northfield.json imported and stored in this workbook.")).toBeTruthy();
    const loaded = await port.loadState();
    expect(loaded.ok && loaded.value?.centreCatalogues).toEqual([
      { source: "northfield.json", json: centreFile },
    ]);
    await user.click(screen.getByRole("button", { name: /Level 7 Certificate in Executive Coaching/ }));
    expect(screen.getByRole("table", { name: "D7.01 sections" })).toBeTruthy();
  });

  it("names every problem in a rejected file with its path and stores nothing", async () => {
    const port = createMemoryPort();
    await port.saveState(setUpState());
    const user = await catalogueTab(port);
    const bad = {
      ...centreFile,
      assessments: [
        {
          ...centreFile.assessments[0],
          units: ["D9.99"],
          sections: [{ name: "Role", short: "Role", max: 10, min: 20 }],
        },
      ],
    };
    await user.upload(screen.getByLabelText("Centre catalogue file"), file(bad, "bad.json"));

    expect(await screen.findByText("bad.json was not imported")).toBeTruthy();
    expect(
      screen.getByText("bad.json: assessments[0].sections[0].min: minimum 20 is above the maximum 10"),
    ).toBeTruthy();

    await user.upload(
      screen.getByLabelText("Centre catalogue file"),
      file(centreFile.assessments, "units.json"),
    );
    expect(await screen.findByText("units.json was not imported")).toBeTruthy();

    await user.upload(screen.getByLabelText("Centre catalogue file"), file("{ not json", "broken.json"));
    expect(await screen.findByText(/broken\.json: \(top level\): is not JSON/)).toBeTruthy();
    const loaded = await port.loadState();
    expect(loaded.ok && loaded.value?.centreCatalogues).toEqual([]);
  });

  it("rejects a file that redefines an ILM unit, naming the file and path", async () => {
    const port = createMemoryPort();
    await port.saveState(setUpState());
    const user = await catalogueTab(port);
    const clash = {
      format: "ilm-catalogue/1",
      units: [{ id: "D5.01", title: "Mine", level: 5, credits: 5, glh: null, practiceHours: null }],
    };
    await user.upload(screen.getByLabelText("Centre catalogue file"), file(clash, "clash.json"));
    expect(
      await screen.findByText(/clash\.json: units\[0\]\.id: unit D5\.01 is already defined by ILM catalogue/),
    ).toBeTruthy();
  });
});
