// The docs stage: TechDocs sites rendered natively from repos' mkdocs.yml and docs/ folders.

export { buildDocs, type BuildDocsOptions } from './build.ts';
export { writeDocsAssets } from './assets.ts';
export type { RenderCache } from './parallel.ts';
export type { Renderer } from './markdown/render.ts';
export { docsRootUrl } from './paths.ts';
export type * from '../model/docs.ts';
