import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../src/App";
import { api } from "../src/api/client";
import { mockFetch } from "./fetchMock";

describe("login and the CSRF token", () => {
  it("shows the login page without a session, logs in, and sends the CSRF token on unsafe requests only", async () => {
    window.history.replaceState(null, "", "/registries");
    let loggedIn = false;
    const calls = mockFetch((call) => {
      if (call.path === "/api/v1/auth/session" && call.method === "GET") {
        return loggedIn ? { status: 200, body: { csrf_token: "csrf-1", user: { id: "u1", username: "admin", is_admin: true } } }
                        : { status: 401, body: { error: { code: "unauthenticated", message: "authentication required" } } };
      }
      if (call.path === "/api/v1/auth/session" && call.method === "POST") {
        const body = call.body as { password: string };
        if (body.password !== "right") return { status: 401, body: { error: { code: "unauthenticated", message: "invalid username or password" } } };
        loggedIn = true;
        return { status: 200, body: { csrf_token: "csrf-1", expires_at: "2026-11-28T00:00:00Z", user: { id: "u1", username: "admin", is_admin: true } } };
      }
      if (call.path.startsWith("/api/v1/registries")) return { status: 200, body: { registries: [], next_page_token: "" } };
      if (call.path === "/api/v1/things") return { status: 204 };
      return undefined;
    });
    const user = userEvent.setup();
    render(<App />);
    await user.type(await screen.findByLabelText("Username"), "admin");
    await user.type(screen.getByLabelText("Password"), "wrong");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Invalid username or password.")).toBeTruthy();
    await user.clear(screen.getByLabelText("Password"));
    await user.type(screen.getByLabelText("Password"), "right");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { name: "Artifact Registries" })).toBeTruthy();
    expect(screen.getByRole("navigation", { name: "Main" }).textContent).toContain("Audit log");

    await api.post("/api/v1/things", {});
    const post = calls.find((call) => call.path === "/api/v1/things")!;
    expect(post.headers["X-CSRF-Token"]).toBe("csrf-1");
    const list = calls.find((call) => call.path.startsWith("/api/v1/registries"))!;
    expect(list.headers["X-CSRF-Token"]).toBeUndefined();
  });
});
