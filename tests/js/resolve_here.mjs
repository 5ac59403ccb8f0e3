// Lets a script outside tests/js (the guide's snippets/*.mjs) import the packages
// installed here, as it would import them from a reader's own project:
//   node --import ./tests/js/resolve_here.mjs snippets/worker_moves.mjs URL
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

const here = new URL("./", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  const bare = !/^(\.|\/|[a-z]+:)/.test(specifier);
  const outside = !(context.parentURL ?? "").startsWith(here);
  return nextResolve(specifier, bare && outside ? { ...context, parentURL: here } : context);
}

if (isMainThread) register(import.meta.url);
