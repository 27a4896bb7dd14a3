#!/usr/bin/env node
// Backlot runs on Node 24 (pinned by the `node` devDependency): run it through npm scripts or npx.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `backlot: Node ${process.versions.node} is too old; Backlot needs Node 24.\n` +
      `Run it through npm so the pinned Node is used: "npm run build", "npx backlot …".`,
  );
  process.exit(2);
}
await import('./main.ts');
