// The virtual module ./own-pages.ts serves to the pages: each own page's compiled MDX module.
declare module 'virtual:backlot/own-pages' {
  export interface OwnPageModule {
    /** The MDX content; components not imported by the page come from its `components` prop. */
    default: (props: { components?: Record<string, unknown> }) => unknown;
    frontmatter?: Record<string, unknown>;
  }
  export const ownPages: Array<{ route: string; source: string; module: OwnPageModule }>;
}
