// Backlot's portal. The CLI calls Astro's build() with { root, outDir, base, site } merged over this, and adds
// @astrojs/mdx only when the config names own pages (src/site/build/own-pages.ts ownPagesIntegrations).
// A plain object, not `defineConfig` from astro/config: that entry point loads svgo and the font providers
// (about 400 modules) just to return its argument.

/** @type {import('astro').AstroUserConfig} */
export default {
  srcDir: './src/site',
  publicDir: './public',
  outDir: 'dist',
  output: 'static',
  trailingSlash: 'always',
  // Astro 7 defaults to 'jsx', which drops spaces between inline elements.
  compressHTML: true,
  // Four pages in flight (the floor benchmark uses the same). With one, a 10,000-entity build took no less CPU
  // (A/B, 3 pairs on a loaded 2-core VM: 1.04× the CPU); the site child's pages are written on a writer thread
  // (src/site/build/page-writes.ts), so no page waits for its write.
  // Stylesheets always as files: Astro inlines one under 4 KB into every page using it, and api.css was 3.7 KB of
  // each API definition page (374 bytes per entity at 10,000 entities), docs' styles 2.4 KB of each docs page.
  build: { format: 'directory', concurrency: 4, inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  // mermaid's lazy diagram chunks are large by nature and load only on pages with a diagram.
  vite: {
    build: { chunkSizeWarningLimit: 4096 },
    // Pages' scripts named by hash alone: every page links four or five, and Astro's names
    // (`SearchBox.astro_astro_type_script_index_0_lang.<hash>.js`) cost ~230 bytes a page. Chunks keep their
    // names (no page links them; a test checks by name that mermaid is not bundled).
    environments: { client: { build: { rolldownOptions: { output: { entryFileNames: '_astro/[hash].js' } } } } },
  },
};
