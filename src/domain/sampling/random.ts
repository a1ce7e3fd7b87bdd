/**
 * The sample's randomness: a small seeded generator of ilm's own (never Math.random, never the clock), so that the
 * same seed always gives the same numbers on every machine and every version of Node.
 */

/**
 * A 32-bit hash of text (MurmurHash3's mixing over UTF-16 code units): the seed of a generator.
 * @example hashText("abc") === hashText("abc") // true
 */
export function hashText(text: string): number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A seeded generator (mulberry32): each call gives the next number from 0 (included) to 1 (excluded).
 * @example const next = seededRandom("123456/2026-A"); next() === seededRandom("123456/2026-A")() // true
 */
export function seededRandom(seed: string): () => number {
  let state = hashText(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A row's place in the draw for a seed: a number from 0 to 1 that depends only on the seed and the row's key, not
 * on the other rows, so that a row new to the workbook never reorders the rows already there.
 * @example rankOf("S", "NF-001\u0000D5.01") === rankOf("S", "NF-001\u0000D5.01") // true
 */
export function rankOf(seed: string, key: string): number {
  const next = seededRandom(`${seed}\u0000${key}`);
  // Two draws make ties (which the caller breaks by key) practically impossible.
  return next() + next() / 4294967296;
}
