import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { RegistryWizardStep1 } from "../src/pages/NewRegistryPage";
import { RolesEditor } from "../src/components/RolesEditor";
import { mockFetch } from "./fetchMock";

describe("New registry, step 1", () => {
  it("offers the provider's fields and hints", async () => {
    mockFetch(() => undefined);
    const user = userEvent.setup();
    render(<RegistryWizardStep1 onCreated={() => {}} />);
    await user.selectOptions(screen.getByLabelText("Provider"), "ecr");
    expect(screen.getByLabelText("Access key ID")).toBeTruthy();
    expect(screen.getByLabelText("Secret access key")).toBeTruthy();
    expect(screen.getByLabelText("FIPS mode")).toBeTruthy();
    expect(screen.getByText(/dkr\.ecr\[-fips\]/)).toBeTruthy();
    // ECR cannot be public.
    expect((screen.getByLabelText(/Public/) as HTMLInputElement).disabled).toBe(true);
    await user.selectOptions(screen.getByLabelText("Credentials"), "ecr-instance-role");
    expect(screen.queryByLabelText("Secret access key")).toBeNull();
    await user.selectOptions(screen.getByLabelText("Provider"), "docker-hub");
    expect((screen.getByLabelText("Registry URL") as HTMLInputElement).value).toBe("docker.io");
    expect(screen.getByLabelText("Access token")).toBeTruthy();
    await user.selectOptions(screen.getByLabelText("Provider"), "generic");
    await user.selectOptions(screen.getByLabelText("TLS"), "verify-with-ca");
    expect(screen.getByLabelText("Custom CA certificate (PEM)")).toBeTruthy();
    expect(screen.getByText(/Credentials cannot be viewed after saving/)).toBeTruthy();
  });

  it("shows the API's field messages next to their fields", async () => {
    mockFetch((call) => call.method === "POST" && call.path === "/api/v1/registries"
      ? { status: 400, body: { error: { code: "invalid_argument", message: "url: bad", details: [
          { field: "url", message: "expected host[:port] without a scheme: registry.example.com" },
          { field: "credentials.password", message: "required for kind basic" }] } } }
      : undefined);
    const user = userEvent.setup();
    const onCreated = vi.fn();
    render(<RegistryWizardStep1 onCreated={onCreated} />);
    await user.type(screen.getByLabelText("Registry URL"), "https://registry.example.com");
    await user.type(screen.getByLabelText("Username"), "ci");
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    const url = await screen.findByText("expected host[:port] without a scheme: registry.example.com");
    expect(screen.getByLabelText("Registry URL").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText("Registry URL").getAttribute("aria-describedby")).toContain(url.id);
    expect(screen.getByLabelText("Password").getAttribute("aria-describedby")).toContain(
      screen.getByText("required for kind basic").id);
    expect(screen.getByText("Fix the fields marked below.")).toBeTruthy();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it("tests the connection with the form's spec and shows each step", async () => {
    const calls = mockFetch((call) => call.path === "/api/v1/connection-tests" ? { status: 200, body: { ok: false, duration_ms: 12, steps: [
      { name: "dns", status: "ok", duration_ms: 1, message: "127.0.0.1", details: {} },
      { name: "tcp", status: "ok", duration_ms: 1, message: "connected", details: {} },
      { name: "auth_ping", status: "failed", duration_ms: 3, message: "401: the credentials were refused", details: {} }] } } : undefined);
    const user = userEvent.setup();
    render(<RegistryWizardStep1 onCreated={() => {}} />);
    await user.type(screen.getByLabelText("Registry URL"), "127.0.0.1:5000");
    await user.type(screen.getByLabelText("Username"), "ci");
    await user.type(screen.getByLabelText("Password"), "s3cret");
    await user.click(screen.getByRole("button", { name: "Test connection" }));
    const report = await screen.findByLabelText("Connection test result");
    expect(within(report).getByText("Connection failed", { exact: false })).toBeTruthy();
    expect(within(report).getByText("DNS lookup")).toBeTruthy();
    expect(within(report).getByText("401: the credentials were refused")).toBeTruthy();
    expect(calls[0].body).toMatchObject({ url: "127.0.0.1:5000", provider: "generic",
      credentials: { kind: "basic", username: "ci", password: "s3cret" }, tls: { mode: "verify" } });
  });

  it("creates the registry, strips a pasted GCP key's whitespace and forgets the secret", async () => {
    const calls = mockFetch((call) => call.method === "POST" && call.path === "/api/v1/registries"
      ? { status: 201, body: { id: "abc", url: "europe-docker.pkg.dev", revision: 1 } } : undefined);
    const user = userEvent.setup();
    const onCreated = vi.fn();
    render(<RegistryWizardStep1 onCreated={onCreated} />);
    await user.selectOptions(screen.getByLabelText("Provider"), "gcp-artifact-registry");
    await user.type(screen.getByLabelText("Registry URL"), "europe-docker.pkg.dev");
    const key = screen.getByLabelText("Service-account JSON key");
    await user.click(key);
    await user.paste('{\n  "type": "service_account",\n  "client_email": "a@b.iam",\n  "private_key": "K"\n}\n');
    await user.click(screen.getByRole("button", { name: "Save and continue" }));
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(calls[0].body).toMatchObject({ credentials: { kind: "gcp-service-account",
      json_key: '{"type":"service_account","client_email":"a@b.iam","private_key":"K"}' } });
    expect((screen.getByLabelText("Service-account JSON key") as HTMLTextAreaElement).value).toBe("");
  });
});

describe("Step 2, roles", () => {
  it("lists own and inherited grants, counts down, and saves the new set", async () => {
    const deadline = new Date(Date.now() + 240000).toISOString();
    const calls = mockFetch((call) => {
      if (call.path === "/api/v1/registries/abc/grants" && call.method === "GET") {
        return { status: 200, body: { permissions_deadline: deadline, pending: true, grants: [
          { subject: { kind: "user", name: "admin", id: "u1" }, role: "administrator", inherited: false },
          { subject: { kind: "team", name: "sre", id: "t1" }, role: "viewer", inherited: true }] } };
      }
      if (call.path === "/api/v1/registries/abc/grants" && call.method === "PUT") {
        return { status: 200, body: { permissions_deadline: deadline, pending: true, grants: [] } };
      }
      if (call.path === "/api/v1/users") return { status: 200, body: { users: [] } };
      if (call.path === "/api/v1/teams") return { status: 200, body: { teams: [{ id: "t2", name: "platform", description: "" }] } };
      return undefined;
    });
    const user = userEvent.setup();
    render(<RolesEditor registryId="abc" />);
    expect(await screen.findByTestId("countdown")).toBeTruthy();
    expect(screen.getByTestId("countdown").textContent).toMatch(/^[34]:\d\d$/);
    expect(screen.getByText("sre")).toBeTruthy();
    expect((screen.getByLabelText("User or team of grant 1") as HTMLInputElement).value).toBe("admin");
    await user.click(screen.getByRole("button", { name: "Add role" }));
    await user.type(screen.getByLabelText("User or team of grant 2"), "platform");
    await user.selectOptions(screen.getByLabelText("Role of grant 2"), "assigner");
    await user.click(screen.getByRole("button", { name: "Save roles" }));
    await screen.findByText("Roles saved.");
    const put = calls.find((call) => call.method === "PUT")!;
    expect(put.body).toEqual({ grants: [
      { subject: { kind: "user", name: "admin" }, role: "administrator" },
      { subject: { kind: "team", name: "platform" }, role: "assigner" }] });
  });

  it("shows a refused save's field message on its row", async () => {
    mockFetch((call) => {
      if (call.method === "GET" && call.path.endsWith("/grants")) return { status: 200, body: { permissions_deadline: new Date(Date.now() + 60000).toISOString(), pending: true, grants: [] } };
      if (call.method === "PUT") return { status: 400, body: { error: { code: "invalid_argument", message: "no such team", details: [{ field: "grants[0].subject", message: "no team named ghosts" }] } } };
      return undefined;
    });
    const user = userEvent.setup();
    render(<RolesEditor registryId="abc" />);
    await user.click(await screen.findByRole("button", { name: "Add role" }));
    await user.type(screen.getByLabelText("User or team of grant 1"), "ghosts");
    await user.click(screen.getByRole("button", { name: "Save roles" }));
    expect(await screen.findByText("no team named ghosts")).toBeTruthy();
  });
});
