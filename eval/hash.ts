// FNV-1a, 32 bits over UTF-16 units: the key of every deterministic split in eval/ (stable across runs,
// machines and Node versions).
export function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
