/*
 * Accessibility fixes to markup that Material's JavaScript adds to code blocks, found by
 * axe-core in tests/site/test_audit.py. Material adds it while the page starts and again
 * whenever a block becomes visible (a content tab is chosen) or a page is swapped in by
 * instant navigation, so every element is fixed as it appears.
 *
 * - landmark-unique: each code block's toolbar (the copy button) is a <nav>, so a page
 *   with two blocks has two unnamed navigation landmarks. The toolbar is not navigation:
 *   it loses the landmark role, the button keeps its name ("Copy to clipboard").
 * - link-name: a code annotation's number is a link whose only content is drawn by CSS.
 *   It is named after the annotation it opens.
 * - scrollable-region-focusable: a code block or table wider than the screen scrolls
 *   sideways, so a keyboard must be able to reach it. Material makes an overflowing code
 *   block focusable only where the device can hover (matchMedia("(hover)")), so on a
 *   touch screen with a keyboard (a tablet, a phone with a Bluetooth keyboard) neither
 *   code nor tables could be scrolled. Here every overflowing one gets tabindex="0",
 *   whatever the pointer, and keeps it when Material takes it away again; one that
 *   stops overflowing (the window grew) loses the tabindex this script gave it. A block
 *   is measured again whenever its box changes size, its text changes, the load event
 *   comes and a font has loaded (the last two change how wide the text is without
 *   changing the box). Once the load event has come and the first sizes are known,
 *   <html data-guide-scrollers="ready"> says so (the browser tests wait for it before
 *   they run axe-core, as a slow phone would finish first).
 * - aria-dialog-name: Material's search box is a dialog without a name; it gets the name
 *   of its input ("Search"). Zensical's names its own, and is left alone.
 */
(() => {
  const SCROLLERS = ".md-typeset pre > code, .md-typeset__scrollwrap"
  const overflows = el => el.scrollWidth > el.clientWidth + 1
  // data-guide-focusable marks the tabindex this script gave, so that only that one is
  // taken away again (an author's own tabindex stays).
  const reachable = el => {
    if (overflows(el)) {
      if (el.getAttribute("tabindex") !== "0") el.setAttribute("tabindex", "0")
      el.dataset.guideFocusable = ""
    } else if ("guideFocusable" in el.dataset) {
      delete el.dataset.guideFocusable
      el.removeAttribute("tabindex")
    }
  }
  const all = () => {
    for (const el of document.querySelectorAll(SCROLLERS)) reachable(el)
  }
  let loaded = document.readyState === "complete"
  let measured = !document.querySelector(SCROLLERS)
  const ready = () => {
    if (loaded && measured) document.documentElement.dataset.guideScrollers = "ready"
  }
  const sizes = new ResizeObserver(entries => {
    for (const { target } of entries) reachable(target)
    measured = true
    ready()
  })
  const watched = new WeakSet()
  const fix = root => {
    for (const nav of root.querySelectorAll("nav.md-code__nav:not([role])"))
      nav.setAttribute("role", "none")
    for (const link of root.querySelectorAll(".md-annotation__index:not([aria-label])")) {
      const number = link.querySelector("[data-md-annotation-id]")
      link.setAttribute("aria-label", `Annotation ${number?.dataset.mdAnnotationId ?? ""}`.trim())
    }
    const scrollers = [...root.querySelectorAll(SCROLLERS)]
    const around = root.closest?.(SCROLLERS)
    if (around) scrollers.push(around)
    for (const el of scrollers) {
      if (!watched.has(el)) {
        watched.add(el)
        sizes.observe(el)
      }
      reachable(el)
    }
  }
  new MutationObserver(changes => {
    for (const { target, type } of changes) {
      const el = target instanceof Element ? target : target.parentElement
      if (!el) continue
      if (type === "attributes") {
        if (el.matches(SCROLLERS)) reachable(el)
      } else fix(el)
    }
  }).observe(document.body, {
    childList: true, characterData: true, subtree: true,
    attributes: true, attributeFilter: ["tabindex"],
  })
  fix(document.body)
  const dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])')
  dialog?.setAttribute("aria-label",
    dialog.querySelector(".md-search__input")?.getAttribute("aria-label") || "Search")
  addEventListener("load", () => {
    all()
    loaded = true
    ready()
  })
  document.fonts?.addEventListener("loadingdone", all)
  ready()
})()
