// Test servers for the end-to-end run: a real `reghub serve` and a real
// Debian docker-registry (htpasswd Basic auth), each on a free 127.0.0.1 port
// in its own temporary directory, always stopped by stop().
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, rmSync, writeFileSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what, check, timeoutMs, logPath) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  let tail = "";
  try { tail = readFileSync(logPath, "utf8").slice(-2000); } catch { /* no log */ }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms\n${tail}`);
}

function startProcess(program, args, options, logPath) {
  const log = openSync(logPath, "a");
  const child = spawn(program, args, { ...options, stdio: ["ignore", log, log] });
  child.exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  return child;
}

async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10000);
  await child.exited;
  clearTimeout(timer);
}

// docker-registry with Basic auth for `username`/`password` (htpasswd, bcrypt).
export async function startDockerRegistry({ username, password }) {
  const root = mkdtempSync(join(tmpdir(), "reghub-e2e-registry-"));
  const port = await freePort();
  const htpasswd = execFileSync("htpasswd", ["-Bbn", username, password], { encoding: "utf8" });
  writeFileSync(join(root, "htpasswd"), htpasswd);
  writeFileSync(join(root, "config.yml"), [
    "version: 0.1",
    "log:", "  level: warn", "  accesslog:", "    disabled: true",
    "storage:", "  filesystem:", `    rootdirectory: ${root}/data`,
    "http:", `  addr: 127.0.0.1:${port}`,
    "auth:", "  htpasswd:", "    realm: basic-realm", `    path: ${root}/htpasswd`,
    "",
  ].join("\n"));
  const logPath = join(root, "registry.log");
  const child = startProcess("/usr/bin/docker-registry", ["serve", join(root, "config.yml")], {}, logPath);
  const url = `127.0.0.1:${port}`;
  await waitFor("docker-registry", async () => (await fetch(`http://${url}/v2/`)).status === 401, 20000, logPath);
  return {
    url,
    async stop() {
      await stopProcess(child);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

// `reghub serve` on a free port with a fresh data directory and the UI from `webDir`.
export async function startHub({ binary, webDir, adminPassword }) {
  const root = mkdtempSync(join(tmpdir(), "reghub-e2e-hub-"));
  const port = await freePort();
  const logPath = join(root, "hub.log");
  const env = { ...process.env, REGHUB_ADMIN_PASSWORD: adminPassword };
  const child = startProcess(binary, ["serve", "--listen", `127.0.0.1:${port}`, "--data", join(root, "data"),
    "--web-dir", webDir], { env }, logPath);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor("reghub serve", async () => (await fetch(`${baseUrl}/readyz`)).status === 200, 30000, logPath);
  return {
    baseUrl,
    logPath,
    async stop() {
      await stopProcess(child);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
