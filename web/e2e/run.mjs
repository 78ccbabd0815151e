// End-to-end test of the web UI: Debian's Chromium (driven by playwright-core)
// against a real hub and a real docker-registry. Prints one line per step and
// "N passed, N failed"; exits 1 when a step failed. Screenshots of each page go
// to $REGHUB_E2E_SCREENSHOTS (default ../build/e2e-screenshots).
//   REGHUB_BINARY=build/reghub node e2e/run.mjs
import { chromium } from "playwright-core";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startDockerRegistry, startHub } from "./fixtures.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const binary = resolve(process.env.REGHUB_BINARY ?? join(here, "../../build/reghub"));
const webDir = resolve(process.env.REGHUB_WEB_DIR ?? join(here, "../dist"));
const shots = resolve(process.env.REGHUB_E2E_SCREENSHOTS ?? join(here, "../../build/e2e-screenshots"));
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const adminPassword = "e2e-admin-password-1234";
const registryUser = { username: "ci", password: "registry-secret-e2e-9f3a" };

for (const [what, path] of [["reghub binary", binary], ["built UI", join(webDir, "index.html")], ["chromium", chromiumPath]]) {
  if (!existsSync(path)) {
    console.error(`e2e: the ${what} is missing: ${path}`);
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}
mkdirSync(shots, { recursive: true });

const results = [];
let failedBefore = false;
async function step(name, body) {
  if (failedBefore) {
    results.push({ name, ok: false, skipped: true });
    console.log(`SKIP ${name} (an earlier step failed)`);
    return;
  }
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`PASS ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failedBefore = true;
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${error?.stack ?? error}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

let registry, hub, browser;
try {
  registry = await startDockerRegistry(registryUser);
  hub = await startHub({ binary, webDir, adminPassword });
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, baseURL: hub.baseUrl });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  const consoleErrors = [];
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  const nav = page.getByRole("navigation", { name: "Main" });
  const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  let registryId = "";

  await step("serves the UI at / and index.html for client routes, assets with types and cache headers", async () => {
    const root = await fetch(`${hub.baseUrl}/`);
    expect(root.status === 200 && root.headers.get("content-type").startsWith("text/html"), `GET / answered ${root.status}`);
    const html = await root.text();
    const deep = await fetch(`${hub.baseUrl}/registries/some-id/revisions`);
    expect(deep.status === 200 && (await deep.text()) === html, "a client route does not serve index.html");
    const asset = html.match(/\/assets\/[^"]+\.js/)[0];
    const js = await fetch(`${hub.baseUrl}${asset}`);
    expect(js.headers.get("content-type").startsWith("text/javascript"), `JS served as ${js.headers.get("content-type")}`);
    expect(js.headers.get("cache-control").includes("immutable"), "assets are not immutable");
    const api = await fetch(`${hub.baseUrl}/api/v1/nothing-here`);
    expect(api.status === 404 && api.headers.get("content-type") === "application/json", "an unknown API path is not a JSON 404");
  });

  await step("logs in through the login page (session cookie, HttpOnly)", async () => {
    await page.goto("/");
    await page.getByLabel("Username").waitFor();
    await shot("01-login");
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Invalid username or password.").waitFor();
    await page.getByLabel("Password").fill(adminPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Artifact Registries" }).waitFor();
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === "reghub_session");
    expect(session && session.httpOnly && session.sameSite === "Strict", `cookie: ${JSON.stringify(session)}`);
    const csrfless = await page.evaluate(async () => (await fetch("/api/v1/registries", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status);
    expect(csrfless === 403, `a POST without X-CSRF-Token answered ${csrfless}`);
  });

  await step("the registry list starts empty", async () => {
    await page.getByText("No registry yet").waitFor();
    await shot("02-registries-empty");
  });

  await step("wizard step 1: provider fields, inline API errors, connection test against docker-registry", async () => {
    await page.getByRole("link", { name: "New registry" }).click();
    await page.getByRole("heading", { name: "New registry" }).waitFor();
    await page.getByLabel("Registry URL").fill(`http://${registry.url}`);
    await page.getByLabel("Username").fill(registryUser.username);
    await page.getByLabel("Password").fill(registryUser.password);
    await page.getByRole("button", { name: "Save and continue" }).click();
    // The API refuses the scheme; its message sits next to the URL field.
    await page.locator(".field--invalid").filter({ has: page.getByLabel("Registry URL") }).waitFor();
    await shot("03-wizard-field-error");
    await page.getByLabel("Registry URL").fill(registry.url);
    await page.getByLabel("TLS").selectOption("plain-http");
    await page.getByLabel("Display name").fill("Local registry");
    await page.getByRole("button", { name: "Test connection" }).click();
    const report = page.getByLabel("Connection test result");
    await report.waitFor();
    const summary = await report.locator(".test-report__summary").textContent();
    expect(summary.includes("Connection works"), `connection test: ${await report.textContent()}`);
    expect(await report.locator("[data-step=auth_ping].step--ok").count() === 1, "no successful authenticated ping step");
    await page.getByText("Credentials cannot be viewed after saving").waitFor();
    await shot("04-wizard-connection-test");
    const markup = await page.content();
    expect(!markup.includes(registryUser.password), "the typed password is in the page's markup");
  });

  await step("wizard step 2: roles saved inside the live countdown window", async () => {
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.getByTestId("countdown").waitFor();
    const first = await page.getByTestId("countdown").textContent();
    await page.waitForTimeout(1300);
    const second = await page.getByTestId("countdown").textContent();
    expect(first !== second && /^[0-4]:\d\d$/.test(second), `countdown did not tick: ${first} then ${second}`);
    await page.getByRole("button", { name: "Add role" }).click();
    await page.getByLabel("Kind of grant 1").selectOption("user");
    await page.getByLabel("User or team of grant 1").fill("admin");
    await page.getByLabel("Role of grant 1").selectOption("administrator");
    await page.getByRole("button", { name: "Save roles" }).click();
    await page.getByText("Roles saved.").waitFor();
    expect(!(await page.content()).includes(registryUser.password), "the password is rendered after saving");
    await shot("05-wizard-roles");
    await page.getByRole("button", { name: /Done/ }).click();
    await page.getByRole("tab", { name: "Overview" }).waitFor();
    registryId = page.url().split("/registries/")[1].split("/")[0];
    expect(registryId.length > 0, "no registry id in the URL");
    await shot("06-registry-overview");
  });

  await step("the saved registry's test runs against docker-registry and its credentials show no secret", async () => {
    const status = await page.evaluate(async (id) => {
      const session = await (await fetch("/api/v1/auth/session")).json();
      const response = await fetch(`/api/v1/registries/${id}/test`, { method: "POST", headers: { "X-CSRF-Token": session.csrf_token } });
      return [response.status, (await response.json()).ok];
    }, registryId);
    expect(status[0] === 200 && status[1] === true, `saved test: ${status}`);
    await page.getByRole("tab", { name: "Credentials" }).click();
    await page.getByText("Fingerprint", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Replace credentials" }).waitFor();
    expect(!(await page.content()).includes(registryUser.password), "the password is rendered back");
    await shot("07-registry-credentials");
  });

  await step("editing makes revision 2 and the diff shows the change", async () => {
    await page.getByRole("tab", { name: "Edit" }).click();
    await page.getByLabel("Display name").fill("Local registry (e2e)");
    await page.getByRole("button", { name: "Save as new revision" }).click();
    await page.getByText("Saved as revision 2.").waitFor();
    await shot("08-registry-edit");
    await page.getByRole("tab", { name: "Revisions" }).click();
    const diff = page.getByRole("table", { name: "Changes from revision 1 to revision 2" });
    await diff.waitFor();
    const text = await diff.textContent();
    expect(text.includes("display_name") && text.includes("Local registry (e2e)"), `diff: ${text}`);
    await page.locator(".timeline strong", { hasText: "Revision 2" }).waitFor();
    await shot("09-registry-revisions-diff");
  });

  await step("attaches the registry to a new environment", async () => {
    await nav.getByRole("link", { name: "Environments" }).click();
    await page.getByRole("button", { name: "New environment" }).click();
    await page.getByLabel("Name", { exact: true }).fill("staging");
    await page.getByLabel("Kind").selectOption("nodes");
    await page.getByLabel("Description").fill("Build agents");
    await page.getByRole("button", { name: "Create environment" }).click();
    await page.getByRole("heading", { name: "staging" }).waitFor();
    await page.getByRole("button", { name: `Attach ${registry.url}` }).click();
    const attached = page.getByRole("table", { name: "Attached registries" });
    await attached.waitFor();
    expect((await attached.textContent()).includes(registry.url), "the registry is not listed as attached");
    await shot("10-environment");
    await page.goto(`/registries/${registryId}/environments`);
    await page.getByRole("table", { name: "Environments using this registry" }).getByText("staging").waitFor();
    await shot("11-registry-environments");
  });

  await step("the list shows the registry; the other pages render", async () => {
    await nav.getByRole("link", { name: "Artifact Registries" }).click();
    await page.getByRole("link", { name: "Local registry (e2e)" }).waitFor();
    await shot("12-registries");
    for (const [link, heading, name] of [["Teams", "Teams", "13-teams"], ["Users", "Users", "14-users"],
                                         ["API tokens", "API tokens", "15-tokens"], ["Audit log", "Audit log", "16-audit"]]) {
      await nav.getByRole("link", { name: link, exact: true }).click();
      await page.getByRole("heading", { name: heading, exact: true }).waitFor();
      await page.waitForTimeout(300);
      await shot(name);
    }
    await page.goto(`/registries/${registryId}/health`);
    await page.getByRole("tab", { name: "Health" }).waitFor();
    await page.waitForTimeout(300);
    await shot("17-registry-health");
    expect(consoleErrors.length === 0, `page errors: ${consoleErrors.join("; ")}`);
  });

  await step("logs out: the cookie is cleared and the login page returns", async () => {
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    const cookies = await context.cookies();
    expect(!cookies.some((cookie) => cookie.name === "reghub_session" && cookie.value), "the session cookie is still set");
  });
} catch (error) {
  results.push({ name: "set up the servers and the browser", ok: false });
  console.log(`FAIL set-up: ${error?.stack ?? error}`);
} finally {
  await browser?.close().catch(() => {});
  await hub?.stop().catch(() => {});
  await registry?.stop().catch(() => {});
}

const passed = results.filter((result) => result.ok).length;
const failed = results.length - passed;
console.log(`screenshots: ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
