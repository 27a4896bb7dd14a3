// A card body drawn by an Astro component a plugin ships, rendered to a string on its own (Astro's container API),
// so a component that throws costs only its card: the page shows the plain-data card instead, and the build
// says which plugin, component and page, and goes on (Astro has no error boundary inside a page).

import { experimental_AstroContainer } from 'astro/container';

let container: Promise<experimental_AstroContainer> | undefined;

/** The component's HTML, or undefined when it threw (reported on stderr, naming `what`). */
export async function pluginComponentHtml(component: unknown, props: Record<string, unknown>, what: string): Promise<string | undefined> {
  try {
    container ??= experimental_AstroContainer.create();
    return await (await container).renderToString(component as Parameters<experimental_AstroContainer['renderToString']>[0], { props });
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    process.stderr.write(`Backlot: ${what} threw: ${message}; the plain card is shown\n`);
    return undefined;
  }
}
