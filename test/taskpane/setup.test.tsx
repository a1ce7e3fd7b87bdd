/** @jest-environment jsdom */
import { screen, within } from "@testing-library/react";
import { renderPane, typist } from "./renderPane";
import { createTestPort, setUpState } from "./testPort";

jest.setTimeout(30_000);

describe("set-up flow", () => {
  it("opens on Set up for a workbook never set up and stores centre, cohort, qualifications, assessors and mode", async () => {
    const port = createTestPort(null);
    const user = typist();
    renderPane(port);

    expect(await screen.findByRole("heading", { name: "Set up this workbook" })).toBeTruthy();
    await user.type(screen.getByLabelText(/Centre number/), "123456");
    await user.type(screen.getByLabelText(/Centre name/), "Northfield Training");
    await user.type(screen.getByLabelText(/Cohort name/), "2026-A");
    await user.click(
      screen.getByRole("checkbox", { name: /Level 5 Certificate in Coaching and Mentoring in Management/ }),
    );
    await user.click(screen.getByRole("checkbox", { name: /Level 3 Certificate/ }));
    await user.type(screen.getByLabelText("Assessors"), "R. Hughes{Enter}S. Okafor{Enter}R. Hughes");
    await user.click(screen.getByRole("radio", { name: /Portable/ }));
    await user.click(screen.getByRole("button", { name: "Save set-up" }));

    expect(await screen.findByText(/^Set-up saved in this workbook\./)).toBeTruthy();
    expect(port.stored).toEqual({
      cohort: {
        format: "ilm-cohort/1",
        centre: { number: "123456", name: "Northfield Training" },
        cohort: "2026-A",
        learners: [],
      },
      mode: "portable",
      centreCatalogues: [],
      setup: { qualifications: ["500/3564/2", "603/3738/2"], assessors: ["R. Hughes", "S. Okafor"] },
    });
    expect(screen.getByText("Northfield Training (123456) · cohort 2026-A")).toBeTruthy();

    // The next step: learners, one button away.
    await user.click(screen.getByRole("button", { name: "Go to Learners" }));
    expect(screen.getByRole("tab", { name: "Learners" }).getAttribute("aria-selected")).toBe("true");
  });

  it("names every missing field and writes nothing", async () => {
    const port = createTestPort(null);
    const user = typist();
    renderPane(port);
    await user.click(await screen.findByRole("button", { name: "Save set-up" }));

    expect(screen.getByText("Enter the centre number.")).toBeTruthy();
    expect(screen.getByText("Enter the centre name.")).toBeTruthy();
    expect(screen.getByText("Enter a name for the cohort, such as 2026-A.")).toBeTruthy();
    expect(screen.getByText("Choose at least one qualification.")).toBeTruthy();
    expect(screen.getByLabelText(/Centre number/).getAttribute("aria-invalid")).toBe("true");
    expect(port.saves).toHaveLength(0);
  });

  it("keeps the learners when the set-up of a workbook is changed", async () => {
    const learner = { registration: "NF-001", name: "Asha Patel", qualification: "500/3564/2" };
    const port = createTestPort(setUpState([learner]));
    const user = typist();
    renderPane(port);
    await user.click(await screen.findByRole("tab", { name: "Set up" }));
    const name = screen.getByLabelText(/Centre name/);
    expect((name as HTMLInputElement).value).toBe("Northfield Training");
    await user.clear(name);
    await user.type(name, "Northfield College");
    await user.click(screen.getByRole("button", { name: "Save set-up" }));

    await screen.findByText(/^Set-up saved in this workbook\./);
    expect(port.stored?.cohort.centre.name).toBe("Northfield College");
    expect(port.stored?.cohort.learners).toEqual([learner]);
    expect(port.stored?.setup?.assessors).toEqual(["R. Hughes", "S. Okafor"]);
  });

  it("says plainly when the workbook refuses the write", async () => {
    const port = createTestPort(setUpState());
    port.failNext.save = "the workbook is read-only";
    const user = typist();
    renderPane(port);
    await user.click(await screen.findByRole("tab", { name: "Set up" }));
    await user.click(screen.getByRole("button", { name: "Save set-up" }));
    const status = await screen.findByText(/The set-up was not saved: the workbook is read-only/);
    expect(within(status.closest("[aria-live]") as HTMLElement).getByText(/read-only/)).toBeTruthy();
  });
});
