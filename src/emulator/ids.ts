const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Makes ids as the API does: prefix + `01` + 22 base62 characters, from an injected random source. */
export function createIdFactory(random: () => number) {
  return (prefix: string): string => {
    let s = "01";
    for (let i = 0; i < 22; i++) s += BASE62[Math.floor(random() * 62)];
    return `${prefix}_${s}`;
  };
}

/** A small deterministic PRNG (mulberry32), so seeded organizations are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random UUID-shaped string from the injected random source. */
export function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
