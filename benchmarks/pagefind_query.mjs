// Run one Pagefind query with Pagefind's own JavaScript, as a browser would, and count the
// bytes it fetches. Files are served from disk exactly as a static server sends them (Pagefind's
// index, fragments and wasm are already compressed). Prints YAML for the benchmark.
//
//   node pagefind_query.mjs SITE/pagefind "query words"
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const [bundle, query] = process.argv.slice(2);
const fetched = [];

globalThis.fetch = async (input) => {
  const url = typeof input === "string" ? input : input.url;
  const file = fileURLToPath(url.split("?")[0]);
  const bytes = await readFile(file);
  fetched.push([path.relative(bundle, file), bytes.length]);
  const type = file.endsWith(".pagefind") ? "application/wasm" : "application/octet-stream";
  return new Response(bytes, { headers: { "content-type": type } });
};

const jsUrl = pathToFileURL(path.join(bundle, "pagefind.js")).href;
const js = await readFile(path.join(bundle, "pagefind.js"));
fetched.push(["pagefind.js", js.length]);
const pagefind = await import(jsUrl);
await pagefind.options({ excerptLength: 30 });
const search = await pagefind.search(query);
// The search page (theme/assets/search.js) shows ten results at first; each loads its fragment.
const shown = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
const sum = (filter) => fetched.filter(([f]) => filter(f)).reduce((n, [, b]) => n + b, 0);
console.log(`query: ${JSON.stringify(query)}`);
console.log(`results: ${search.results.length}`);
console.log(`first_result: ${JSON.stringify(shown[0]?.url ?? null)}`);
console.log(`query_bytes: ${sum(() => true)}`);
console.log(`query_files: ${fetched.length}`);
console.log(`query_index_bytes: ${sum((f) => f.includes("index/") || f.endsWith(".pf_meta"))}`);
console.log(`query_fragment_bytes: ${sum((f) => f.includes("fragment/"))}`);
console.log(`query_runtime_bytes: ${sum((f) => f.endsWith(".js") || f.endsWith(".pagefind"))}`);
