// The locale chunks the build emits (scripts/vite-locale-chunks.ts): locale code -> file, relative to the page's script.
declare module 'virtual:payframe-locale-files' {
  const files: Partial<Record<string, string>>;
  export default files;
}
