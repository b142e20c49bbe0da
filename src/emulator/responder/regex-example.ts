/**
 * A string matching a simple regular expression, for `pattern` in tool schemas (ids, zip codes,
 * dates). Handles anchors, literals, escapes (\d \w \s and escaped punctuation), character
 * classes with ranges, groups with alternation (first branch), and the quantifiers ? * + {n}
 * {n,} {n,m} (always the minimum, at least once for + ). Returns undefined for what it cannot
 * read (lookarounds, backreferences); callers check the result against the real RegExp.
 */
export function exampleForPattern(pattern: string): string | undefined {
  try {
    const parser = new Parser(pattern);
    const out = parser.alternation();
    return parser.done() ? out : undefined;
  } catch {
    return undefined;
  }
}

const CLASS_ESCAPES: Record<string, string> = { d: "0", w: "a", s: " ", D: "a", W: "-", S: "a" };

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  done(): boolean {
    return this.i >= this.src.length;
  }

  /** branch ( '|' branch )*: the first branch is the example. */
  alternation(): string {
    const first = this.sequence();
    while (this.src[this.i] === "|") {
      this.i++;
      this.sequence();
    }
    return first;
  }

  private sequence(): string {
    let out = "";
    while (!this.done() && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      const atom = this.atom();
      out += this.quantify(atom);
    }
    return out;
  }

  private atom(): string {
    const c = this.src[this.i++];
    switch (c) {
      case "^":
      case "$":
        return "";
      case ".":
        return "a";
      case "(": {
        if (this.src[this.i] === "?") {
          if (this.src[this.i + 1] !== ":") throw new Error("lookaround");
          this.i += 2;
        }
        const inner = this.alternation();
        if (this.src[this.i++] !== ")") throw new Error("unclosed group");
        return inner;
      }
      case "[":
        return this.charClass();
      case "\\":
        return this.escape();
      default:
        return c;
    }
  }

  private escape(): string {
    const e = this.src[this.i++];
    if (e === undefined) throw new Error("dangling escape");
    if (e in CLASS_ESCAPES) return CLASS_ESCAPES[e];
    if (/[1-9kbB]/.test(e)) throw new Error("unsupported escape");
    return e;
  }

  private charClass(): string {
    const negated = this.src[this.i] === "^";
    if (negated) this.i++;
    const members: string[] = [];
    while (this.src[this.i] !== "]") {
      if (this.done()) throw new Error("unclosed class");
      let c = this.src[this.i++];
      if (c === "\\") c = this.escape();
      if (this.src[this.i] === "-" && this.src[this.i + 1] !== "]") {
        this.i++;
        let to = this.src[this.i++];
        if (to === "\\") to = this.escape();
        for (let code = c.charCodeAt(0); code <= to.charCodeAt(0) && members.length < 200; code++) members.push(String.fromCharCode(code));
      } else members.push(c);
    }
    this.i++;
    if (!negated) return members.find((m) => /[a-z0-9]/.test(m)) ?? members[0] ?? "";
    return ["a", "0", "x", "Z", "_", "-"].find((m) => !members.includes(m)) ?? "~";
  }

  private quantify(atom: string): string {
    const q = this.src[this.i];
    if (q === "?" || q === "*") {
      this.i++;
      this.lazy();
      return "";
    }
    if (q === "+") {
      this.i++;
      this.lazy();
      return atom;
    }
    if (q === "{") {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.i));
      if (!m) return atom;
      this.i += m[0].length;
      this.lazy();
      return atom.repeat(Number(m[1]));
    }
    return atom;
  }

  private lazy() {
    if (this.src[this.i] === "?") this.i++;
  }
}
