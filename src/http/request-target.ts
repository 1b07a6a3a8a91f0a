// The path of a request target, read without `new URL`, which throws on targets such as
// "//", "///" or "//@" (it takes them for a host to come) and on absolute forms it cannot
// parse. A target that is not a path at all is malformed; any other path is merely unknown.

/** The path of the target, without its query; undefined when the target is no path. */
export function requestPath(target: string | undefined): string | undefined {
  if (!target) return undefined;
  if (target.startsWith('/')) return target.split(/[?#]/, 1)[0];
  // The absolute form ("http://host/path") is allowed by HTTP/1.1, and proxies may send it.
  if (/^https?:\/\//i.test(target)) {
    try {
      return new URL(target).pathname;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
