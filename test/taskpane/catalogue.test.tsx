/** @jest-environment jsdom */
import { screen, within } from "@testing-library/react";
import { createMemoryPort } from "../../src/app/memory-port";
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
    expect(await screen.findByText(/broken\.json: is not JSON/)).toBeTruthy();
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

describe("removing a centre catalogue file", () => {
  /** A centre's own qualification, built from an ILM unit. */
  const awardFile = {
    format: "ilm-catalogue/1",
    qualifications: [
      {
        id: "NF-AWARD",
        title: "Northfield Award in Coaching",
        level: 5,
        credits: 5,
        durationMonths: null,
        inductionHours: null,
        tutorialHours: null,
        units: ["D5.01"],
        rule: { unit: "D5.01" },
      },
    ],
  };
  const learner = (n: number, qualification: string) => ({
    registration: `NF-${String(n).padStart(3, "0")}`,
    name: `Learner ${n}`,
    qualification,
  });
  async function withCatalogues(learners: ReturnType<typeof learner>[]) {
    const port = createMemoryPort();
    await port.saveState({
      ...setUpState(learners),
      centreCatalogues: [
        { source: "northfield.json", json: centreFile },
        { source: "award.json", json: awardFile },
      ],
    });
    return port;
  }
  const storedSources = async (port: ReturnType<typeof createMemoryPort>) => {
    const loaded = await port.loadState();
    return loaded.ok ? loaded.value?.centreCatalogues.map((c) => c.source) : undefined;
  };

  it("refuses while learners use its mark scheme, naming a handful of them and the mark scheme", async () => {
    const learners = [1, 2, 3, 4, 5, 6, 7].map((n) => learner(n, "L7-CERT-ECLM"));
    const port = await withCatalogues([...learners, learner(8, "500/3564/2")]);
    const user = await catalogueTab(port);
    await user.click(await screen.findByRole("button", { name: "Remove northfield.json" }));

    expect(
      await screen.findByText("northfield.json was not removed: learners in the cohort rely on it"),
    ).toBeTruthy();
    expect(
      screen.getByText(
        "The mark scheme D7.01 Leadership mentoring review is used by 7 learners: NF-001, NF-002, NF-003, NF-004, NF-005 and 2 more.",
      ),
    ).toBeTruthy();
    expect(await storedSources(port)).toEqual(["northfield.json", "award.json"]);
  });

  it("refuses while a learner takes a qualification it defines, naming the learner and the qualification", async () => {
    const port = await withCatalogues([learner(1, "500/3564/2"), learner(9, "NF-AWARD")]);
    const user = await catalogueTab(port);
    await user.click(await screen.findByRole("button", { name: "Remove award.json" }));

    expect(
      await screen.findByText("award.json was not removed: learners in the cohort rely on it"),
    ).toBeTruthy();
    expect(
      screen.getByText(
        "The qualification NF-AWARD Northfield Award in Coaching is taken by 1 learner: NF-009.",
      ),
    ).toBeTruthy();
    expect(await storedSources(port)).toEqual(["northfield.json", "award.json"]);
  });

  it("removes a file no learner in the cohort uses", async () => {
    const port = await withCatalogues([learner(1, "500/3564/2"), learner(9, "NF-AWARD")]);
    const user = await catalogueTab(port);
    await user.click(await screen.findByRole("button", { name: "Remove northfield.json" }));

    expect(await screen.findByText("northfield.json removed from this workbook.")).toBeTruthy();
    expect(await storedSources(port)).toEqual(["award.json"]);
    expect(screen.queryByRole("button", { name: "Remove northfield.json" })).toBeNull();
  });
});
