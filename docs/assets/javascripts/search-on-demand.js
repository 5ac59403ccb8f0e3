/*
 * Search on demand. Material for MkDocs downloads its search index (the text of every
 * page, the largest file on the site) and its search worker as soon as any page opens.
 * Here they wait until the reader shows they want to search: points at, focuses or
 * opens the search box (keyboard shortcuts focus it too), or arrives through a link
 * that searches (?q=) or highlights (?h=). A first visit then loads what the page
 * itself needs; tests/site/test_audit.py holds it to a budget.
 *
 * This runs before Material's bundle (overrides/main.html puts it first), and does two
 * things Material reads at start-up, without changing Material's own files:
 *
 * 1. The search worker named in the page's configuration becomes a stand-in,
 *    workers/search-on-demand.js, that loads Material's worker with the first message
 *    it gets; that message carries the index, so it comes only after step 2.
 * 2. The request for search/search_index.json (Material makes it with XMLHttpRequest)
 *    is opened as usual and sent once search is wanted.
 *
 * Zensical, the second builder the tests use, has a search of its own: its index is
 * search.json, fetched the same way, and its worker starts only once the index has
 * come, so holding the index back is enough there (step 1 is Material's only). Its
 * search opens with a button ("/" clicks it) or Ctrl+K (Cmd+K), which it hears only
 * once its index has come: here the first Ctrl+K clicks the button.
 *
 * If Material or Zensical changes how it asks for either, the index loads at once
 * again and the weight budget test says so.
 */
(() => {
  const script = document.currentScript
  const config = document.getElementById("__config")
  const params = new URL(location.href).searchParams
  const material = document.forms.namedItem("search")
  if (location.protocol === "file:" || !config || !document.querySelector(".md-search"))
    return // no search here, or the builder's own offline variant of it

  const settings = JSON.parse(config.textContent)
  const base = new URL(settings.base, location.href)
  const index = new URL(material ? "search/search_index.json" : "search.json", base)
  if (material) {
    const worker = new URL("workers/search-on-demand.js", script.src)
    worker.searchParams.set("worker", new URL(settings.search, location.href).href)
    settings.search = worker.href
    config.textContent = JSON.stringify(settings)
  }
  if (params.has("q") || params.has("h"))
    return // search or highlighting starts with the page: nothing to wait for

  const { open, send } = XMLHttpRequest.prototype
  const held = []
  let wanted = false
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.__searchIndex = new URL(String(url), location.href).href === index.href
    return open.call(this, method, url, ...rest)
  }
  XMLHttpRequest.prototype.send = function (...args) {
    if (wanted || !this.__searchIndex) return send.apply(this, args)
    held.push(() => send.apply(this, args))
  }

  const triggers = {
    pointerover: target => target.closest(".md-search, label[for=__search]"),
    focusin: target => target.closest(".md-search"),
    click: target => target.closest(".md-search"),
    change: target => target.id === "__search" && target.checked,
    // Zensical listens for Ctrl+K only once its index has come: this one opens it.
    keydown: (target, event) => !material && (event.ctrlKey || event.metaKey) && event.key === "k"
  }
  const want = event => {
    const { target } = event
    if (!(target instanceof Element && triggers[event.type](target, event))) return
    wanted = true
    for (const type in triggers) document.removeEventListener(type, want, true)
    XMLHttpRequest.prototype.open = open
    XMLHttpRequest.prototype.send = send
    for (const release of held.splice(0)) release()
    if (event.type === "keydown") {
      event.preventDefault()
      document.querySelector(".md-search button")?.click()
    }
  }
  for (const type in triggers) document.addEventListener(type, want, true)
})()
