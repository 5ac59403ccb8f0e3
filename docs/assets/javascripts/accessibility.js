/*
 * Accessibility fixes to markup that Material's JavaScript adds to code blocks, found by
 * axe-core in tests/test_browser.py. Material adds it while the page starts and again
 * whenever a block becomes visible (a content tab is chosen) or a page is swapped in by
 * instant navigation, so every element is fixed as it appears.
 *
 * - landmark-unique: each code block's toolbar (the copy button) is a <nav>, so a page
 *   with two blocks has two unnamed navigation landmarks. The toolbar is not navigation:
 *   it loses the landmark role, the button keeps its name ("Copy to clipboard").
 * - link-name: a code annotation's number is a link whose only content is drawn by CSS.
 *   It is named after the annotation it opens.
 */
(() => {
  const fix = root => {
    for (const nav of root.querySelectorAll("nav.md-code__nav:not([role])"))
      nav.setAttribute("role", "none")
    for (const link of root.querySelectorAll(".md-annotation__index:not([aria-label])")) {
      const number = link.querySelector("[data-md-annotation-id]")
      link.setAttribute("aria-label", `Annotation ${number?.dataset.mdAnnotationId ?? ""}`.trim())
    }
  }
  new MutationObserver(changes => {
    for (const { target } of changes) if (target instanceof Element) fix(target)
  }).observe(document.body, { childList: true, subtree: true })
  fix(document.body)
})()
