import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Registry } from "../src/api/types";
import { RegistriesPage } from "../src/pages/RegistriesPage";
import { mockFetch } from "./fetchMock";

function registry(n: number, extra: Partial<Registry> = {}): Registry {
  return {
    id: `id${n}`, url: `r${n}.example.com`, display_name: n === 1 ? "Main" : "", description: "", provider: "generic",
    access: "private", credentials: { kind: "basic" }, mirrors: [], tls: { mode: "verify" },
    usage: { push_images: true, push_charts: false, chart_repository: false, chart_repositories: [], default: n === 1 },
    repositories: [], revision: 1, permissions_deadline: "", created_at: "", created_by: "admin", updated_at: "", ...extra,
  };
}

// 10,000 registries, served 50 a page by page token like the hub does.
function hub() {
  const all = Array.from({ length: 10000 }, (_, i) => registry(i + 1, i === 9 ? { provider: "ecr", access: "private" } : {}));
  return mockFetch((call) => {
    const url = new URL(call.path, "http://hub");
    if (url.pathname === "/api/v1/registries") {
      const q = url.searchParams.get("q") ?? "";
      const provider = url.searchParams.get("provider") ?? "";
      const size = Number(url.searchParams.get("page_size"));
      const start = Number(url.searchParams.get("page_token") || "0");
      const matching = all.filter((r) => (!q || r.url.includes(q)) && (!provider || r.provider === provider));
      const page = matching.slice(start, start + size);
      return { status: 200, body: { registries: page, next_page_token: start + size < matching.length ? String(start + size) : "" } };
    }
    if (url.pathname.endsWith("/health")) {
      return { status: 200, body: { registry_id: "x", status: "up", last_success_at: null, latest: null } };
    }
    return undefined;
  });
}

describe("Artifact Registries list", () => {
  it("shows a page of 50 with provider, URL, display name, access, default badge and health", async () => {
    hub();
    render(<RegistriesPage />);
    await waitFor(() => expect(screen.getByText("Main")).toBeTruthy());
    const rows = screen.getAllByRole("row");
    expect(rows).toHaveLength(51);
    expect(rows[1].textContent).toContain("r1.example.com");
    expect(rows[1].textContent).toContain("default");
    expect(rows[1].textContent).toContain("private");
    expect(rows[1].textContent).toContain("Other (OCI registry)");
    await waitFor(() => expect(rows[1].textContent).toContain("up"));
  });

  it("walks the pages with the API's page tokens, forward and back", async () => {
    const calls = hub();
    const user = userEvent.setup();
    render(<RegistriesPage />);
    await waitFor(() => expect(screen.getByText("Main")).toBeTruthy());
    await user.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(screen.getAllByText("r51.example.com").length).toBeGreaterThan(0));
    expect(screen.getByText(/Page 2/)).toBeTruthy();
    expect(calls.some((call) => call.path.includes("page_token=50"))).toBe(true);
    await user.click(screen.getByRole("button", { name: "Previous" }));
    await waitFor(() => expect(screen.getByText("Main")).toBeTruthy());
  });

  it("searches and filters on the server", async () => {
    const calls = hub();
    const user = userEvent.setup();
    render(<RegistriesPage />);
    await waitFor(() => expect(screen.getByText("Main")).toBeTruthy());
    await user.type(screen.getByLabelText("Search registries"), "r9999.");
    await waitFor(() => expect(screen.getAllByRole("row")).toHaveLength(2));
    expect(screen.getAllByText("r9999.example.com").length).toBeGreaterThan(0);
    expect(calls.some((call) => call.path.includes("q=r9999."))).toBe(true);
    await user.clear(screen.getByLabelText("Search registries"));
    await user.selectOptions(screen.getByLabelText("Provider"), "ecr");
    await waitFor(() => expect(screen.getAllByText("r10.example.com").length).toBeGreaterThan(0));
    expect(screen.getAllByRole("row")).toHaveLength(2);
    expect(screen.getByRole("button", { name: "Next" })).toHaveProperty("disabled", true);
  });
});
