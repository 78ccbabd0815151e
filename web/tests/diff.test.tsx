import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { DiffView } from "../src/components/DiffView";

describe("DiffView", () => {
  it("shows each changed field with its before and after values", () => {
    render(<DiffView from={1} to={2} changes={[
      { field: "display_name", before: "", after: "Production", summary: "display name set" },
      { field: "mirrors", before: [], after: [{ upstream: "docker.io" }] },
    ]} />);
    const table = screen.getByRole("table", { name: "Changes from revision 1 to revision 2" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[1].textContent).toContain("display_name");
    expect(rows[1].textContent).toContain('""');
    expect(rows[1].textContent).toContain("Production");
    expect(rows[1].textContent).toContain("display name set");
    expect(rows[2].textContent).toContain('[{"upstream":"docker.io"}]');
    expect(within(table).getByText("Revision 1")).toBeTruthy();
  });

  it("says so when two revisions are identical", () => {
    render(<DiffView from={3} to={4} changes={[]} />);
    expect(screen.getByText("Revisions 3 and 4 are identical.")).toBeTruthy();
  });
});
