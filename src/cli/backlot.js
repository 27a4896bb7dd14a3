#!/usr/bin/env node
import module from 'node:module';
// Backlot runs on Node 24 (pinned by the `node` devDependency): run it through npm scripts or npx.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `backlot: Node ${process.versions.node} is too old; Backlot needs Node 24.\n` +
      `Run it through npm so the pinned Node is used: "npm run build", "npx backlot …".`,
  );
  process.exit(2);
}
// Young-generation GC on the allocating thread and a slower-growing heap, set before anything loads (why:
// scavengeFlags and cliFlags in background.ts). Flags set this way are the CLI's own: the site child gets its own.
const { cliFlags } = await import('../util/background.ts');
const v8 = await import('node:v8');
for (const flag of cliFlags(process.execArgv).slice(process.execArgv.length)) v8.setFlagsFromString(flag);
// V8's compile cache on disk, as Astro's own CLI keeps it (not in CI, where it would never be read again): the
// next build loads Astro, Vite and Backlot about a second sooner. Set in the environment so the site build's
// child process keeps it too. Enabled after the flags above: V8 rejects code cached under other flags, and with the
// cache enabled first the CLI and the site child (each with flags of its own) shared one folder, so the ~50
// modules both load were rejected and written again by each, every build (NODE_DEBUG_NATIVE=COMPILE_CACHE: 44–55
// rejections a build of the demo org before, none from the second build on now).
if (!process.env.CI) {
  try {
    const { directory } = module.enableCompileCache?.() ?? {};
    if (directory) process.env.NODE_COMPILE_CACHE ??= directory;
  } catch {}
}
// A build's site child is forked now, before this process loads its own modules (~0.4 s) and reads the config:
// Astro loads and bundles there that much sooner (why and how tokens stay out: preforkSiteChild in child.ts).
const [command, ...rest] = process.argv.slice(2);
if (command === 'build' && !rest.some((a) => a === '--help' || a === '-h' || a.startsWith('--pages'))) {
  (await import('../site/build/child.ts')).preforkSiteChild();
}
await import('./main.ts');
