// A catalog file with a flood of dangling refs: one Component that depends on `refs` components that do not
// exist. With 50,000 it is 1.8 MB, the case that once made 22 MB entity pages and a 28 MB Problems page.

export function floodCatalog(refs: number, owner = 'platform'): string {
  const lines = [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: flood-service',
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: ${owner}`,
  ];
  if (refs > 0) lines.push('  dependsOn:');
  for (let i = 0; i < refs; i++) lines.push(`    - component:missing-service-${String(i).padStart(5, '0')}`);
  return lines.join('\n') + '\n';
}
