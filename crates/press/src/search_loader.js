// Loads and starts Pagefind for scrapbook's app; press writes it as pagefind/load.js.
// The app adds it as a module script (its wasm cannot import a module, and the content
// security policy forbids inline scripts) and waits on the promise it leaves on window.
// Results carry the permalinks press gave, below the base path, as the app's routes do.
import * as pagefind from "./pagefind.js";

window.scrapbookPagefind = pagefind
  .options({ basePath: new URL(".", import.meta.url).pathname, baseUrl: "/" })
  .then(() => pagefind.init())
  .then(() => pagefind);
