/*
 * Stand-in for Material's search worker (see ../search-on-demand.js). The page starts
 * this worker at once; it loads Material's worker (?worker=) with the first message,
 * which carries the search index and comes when the reader opens search, and hands
 * that message on. Material's worker lives in this folder too, so the relative paths
 * it uses (../lunr for other languages) still work.
 *
 * It also reads pasted sentences as sentences. A reader who pastes an error message
 * ("The security token included in the request is invalid") wants the pages that hold
 * it, but lunr scores every word on its own, and a page title matching one of them
 * ("request*" matches "Requester") outweighs a page that holds the whole message. So a
 * query of four or more plain words, without search operators, requires each word that
 * is not a stop word, in the text (+text:word*), and the pages that hold the sentence
 * itself come first, a page whose front matter sets a search boost (Troubleshooting)
 * before the others; if nothing holds all the words, the query runs as typed.
 */
addEventListener("message", event => {
  const OPERATOR = /(^|\s)[+-]|[*:^~"]/
  const WORD = /^([A-Za-z0-9_]+)[.,;!?')]*$/
  const sentence = query => {
    if (typeof query !== "string" || OPERATOR.test(query)) return null
    const words = query.trim().split(/\s+/)
    if (words.length < 4) return null
    return words.map(word => {
      const plain = WORD.exec(word)
      if (!plain || !self.lunr.stopWordFilter(plain[1].toLowerCase())) return word
      return `+text:${plain[1]}*`
    }).join(" ")
  }

  const flat = text => String(text ?? "").replace(/<[^>]*>/g, "").replace(/\s+/g, " ")
    .toLowerCase()
  let material = null
  const asked = [] // for each query in flight: the query as typed, if it was rewritten
  const texts = new Map() // each document's whole text (results carry only an excerpt)
  const listen = self.addEventListener
  self.addEventListener = (type, listener, options) => {
    if (type !== "message") return listen.call(self, type, listener, options)
    material = listener
    listen.call(self, type, message => {
      const { data } = message
      if (data?.type === 0)
        for (const doc of data.data.docs ?? []) texts.set(doc.location, flat(doc.text))
      const rewritten = data?.type === 2 ? sentence(data.data) : null
      if (data?.type === 2) asked.push(rewritten === null ? null : data.data)
      listener(rewritten === null ? message : new MessageEvent("message", {
        data: { ...data, data: rewritten } }))
    }, options)
  }
  const holds = (group, typed) => group.some(doc => texts.get(doc.location)?.includes(typed))
  const post = self.postMessage
  self.postMessage = message => {
    if (message?.type === 3) {
      const typed = asked.shift()
      if (typed && !message.data.items.length) {
        asked.unshift(null)
        return material(new MessageEvent("message", { data: { type: 2, data: typed } }))
      }
      if (typed) {
        const sentence = flat(typed).trim().replace(/[.,;:!?]+$/, "")
        // Among them, a page that asks to come first (search: boost) does.
        const boost = group => Math.max(...group.map(doc => doc.boost ?? 1))
        const first = message.data.items.filter(group => holds(group, sentence))
          .sort((a, b) => boost(b) - boost(a))
        const rest = message.data.items.filter(group => !holds(group, sentence))
        message.data.items = [...first, ...rest]
      }
    }
    return post.call(self, message)
  }
  importScripts(new URL(location.href).searchParams.get("worker"))
  self.addEventListener = listen
  dispatchEvent(new MessageEvent("message", { data: event.data }))
}, { once: true })
