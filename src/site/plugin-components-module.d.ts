// The virtual module ./build/plugin-components.ts serves to the pages: plugins' Astro components by `<plugin>/<name>`.
declare module 'virtual:backlot/plugin-components' {
  export const components: Record<string, (props: Record<string, unknown>) => unknown>;
}
