// Loads and starts Pagefind for scrapbook's app; press writes it as pagefind/load.js.
// The app adds it as a module script (its wasm cannot import a module, and the content
// security policy forbids inline scripts) and waits on the promise it leaves on window.
// Results carry the permalinks press gave, below the base path, as the app's routes do.
const here = new URL(".", import.meta.url);
const pagefind = import("./pagefind.js");
// Pagefind asks for its worker, then (from the worker) its wasm and page list, each only
// once the step before has run: on a slow link, one round trip after another. Asked for
// here, all at once, they are in the browser's cache when Pagefind wants them (press
// names them, and `_headers` lets them be reused without asking the host again).
// Pagefind's entry file too: Pagefind asks for it with `?ts=` and a tag, the current
// time unless told one; told the tag of this build's entry (press writes it here), it
// asks for the same address as this prefetch, which the browser may keep (`_headers`).
for (const name of __PREFETCH__) fetch(new URL(name, here)).catch(() => {});

window.scrapbookPagefind = pagefind.then((pagefind) =>
  pagefind
    .options({ basePath: here.pathname, baseUrl: "/", metaCacheTag: __TAG__ })
    .then(() => pagefind.init())
    .then(() => pagefind),
);
