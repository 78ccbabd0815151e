// Prints the gzipped size of the built JavaScript (dist/assets/*.js) and
// fails when it exceeds the budget (300 KB, issue 5).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const dist = process.argv[2] ?? new URL("../dist", import.meta.url).pathname;
const budget = 300 * 1024;
const assets = join(dist, "assets");
let total = 0;
for (const name of readdirSync(assets).filter((file) => file.endsWith(".js"))) {
  const size = gzipSync(readFileSync(join(assets, name)), { level: 9 }).length;
  total += size;
  console.log(`${name}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
console.log(`JS bundle: ${(total / 1024).toFixed(1)} KB gzipped (budget ${budget / 1024} KB)`);
if (total === 0 || total > budget) {
  console.error(total === 0 ? "no JavaScript in the build" : "over the budget");
  process.exit(1);
}
