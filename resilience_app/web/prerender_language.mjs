// Prerender pages again in another language (web/page_language.py runs this from .web, after the build).
// The same steps as React Router's own prerender: the page's data request, then the page itself,
// through the request handler of the server bundle the build left in build/server.
//
//   node prerender_language.mjs <server build> <global name> <language> <output dir> <path>...
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "react-router";

const [serverBuild, globalName, language, outDir, ...paths] = process.argv.slice(2);
globalThis[globalName] = language;
const handler = createRequestHandler(await import(pathToFileURL(serverBuild).href), "production");

for (const path of paths) {
  const data = await handler(new Request(`http://localhost${path === "/" ? "/_.data" : `${path}.data`}`));
  const body = data.ok ? await data.text() : "";
  const headers = new Headers();
  if (body && encodeURI(body).length < 8 * 1024) headers.set("X-React-Router-Prerender-Data", encodeURI(body));
  const page = await handler(new Request(`http://localhost${path === "/" ? "/" : `${path}/`}`, { headers }));
  if (page.status !== 200) {
    console.error(`${path}: ${page.status}`);
    process.exit(1);
  }
  const dir = join(outDir, path);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.html"), await page.text());
}
