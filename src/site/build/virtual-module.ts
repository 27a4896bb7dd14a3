// A Vite plugin serving one virtual module (own pages, plugin components). Its hooks carry Rolldown's id filters:
// a hook without one is called from Rolldown's native side for every module of both builds (each of these two
// plugins' `load` ran 655 times a build, for one module it answers).

/** Vite plugin `name` serving the module `id` with the code `code()` returns when it is loaded. */
export function virtualModulePlugin(name: string, id: string, code: () => string) {
  const resolved = '\0' + id;
  return {
    name,
    resolveId: { filter: { id: exactly(id) }, handler: (source: string) => (source === id ? resolved : undefined) },
    load: { filter: { id: exactly(resolved) }, handler: (source: string) => (source === resolved ? code() : undefined) },
  };
}

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
