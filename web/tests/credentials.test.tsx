import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Registry } from "../src/api/types";
import { CredentialsPanel } from "../src/pages/RegistryEdit";
import { mockFetch } from "./fetchMock";

const registry: Registry = {
  id: "abc", url: "registry.example.com", display_name: "", description: "", provider: "generic", access: "private",
  credentials: { kind: "basic", username: "ci", fingerprint: "9c1e77aa", replaced_at: "2026-11-26T22:39:00Z" },
  mirrors: [], tls: { mode: "verify" },
  usage: { push_images: true, push_charts: false, chart_repository: false, chart_repositories: [], default: false },
  repositories: [], revision: 3, permissions_deadline: "", created_at: "", created_by: "admin", updated_at: "",
};

describe("Credentials panel", () => {
  it("shows kind, fingerprint and last replaced, and replaces the set whole without echoing it", async () => {
    const calls = mockFetch((call) => call.method === "PATCH" ? { status: 200, body: { ...registry, revision: 4 } } : undefined);
    const user = userEvent.setup();
    const onSaved = vi.fn();
    const { container } = render(<CredentialsPanel registry={registry} onSaved={onSaved} />);
    expect(screen.getByText("9c1e77aa")).toBeTruthy();
    expect(screen.getByText("Username and password")).toBeTruthy();
    expect(screen.queryByLabelText("Password")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Replace credentials" }));
    expect((screen.getByLabelText("Username") as HTMLInputElement).value).toBe("");
    await user.type(screen.getByLabelText("Username"), "robot");
    await user.type(screen.getByLabelText("Password"), "n3w-s3cret");
    expect(screen.getByText(/Credentials cannot be viewed after saving/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Save new credentials" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls[0].body).toEqual({ revision: 3, credentials: { kind: "basic", username: "robot", password: "n3w-s3cret" } });
    expect(await screen.findByText("Credentials replaced (revision 4).")).toBeTruthy();
    expect(container.innerHTML).not.toContain("n3w-s3cret");
  });

  it("explains a stale revision", async () => {
    mockFetch(() => ({ status: 409, body: { error: { code: "conflict", message: "revision 3 is stale" } } }));
    const user = userEvent.setup();
    render(<CredentialsPanel registry={registry} onSaved={() => {}} />);
    await user.click(screen.getByRole("button", { name: "Replace credentials" }));
    await user.type(screen.getByLabelText("Username"), "robot");
    await user.type(screen.getByLabelText("Password"), "x");
    await user.click(screen.getByRole("button", { name: "Save new credentials" }));
    expect(await screen.findByText(/Someone saved this registry meanwhile/)).toBeTruthy();
  });
});
