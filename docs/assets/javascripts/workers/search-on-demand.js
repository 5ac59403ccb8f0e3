/*
 * Stand-in for Material's search worker (see ../search-on-demand.js). The page starts
 * this worker at once; it loads Material's worker (?worker=) with the first message,
 * which carries the search index and comes when the reader opens search, and hands
 * that message on. Material's worker lives in this folder too, so the relative paths
 * it uses (../lunr for other languages) still work.
 */
addEventListener("message", event => {
  importScripts(new URL(location.href).searchParams.get("worker"))
  dispatchEvent(new MessageEvent("message", { data: event.data }))
}, { once: true })
