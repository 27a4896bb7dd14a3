// The components an own page (MDX) can use without importing them: the page passes these to its MDX content.
import EntityList from './EntityList.astro';
import TeamServices from './TeamServices.astro';
import CreateButton from './CreateButton.astro';
import DocsLink from './DocsLink.astro';

export const mdxComponents = { EntityList, TeamServices, CreateButton, DocsLink };
export { EntityList, TeamServices, CreateButton, DocsLink };
