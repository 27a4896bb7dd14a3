import { describe, expect, it } from 'vitest';
import { virtualModulePlugin } from './virtual-module.ts';

describe('virtualModulePlugin', () => {
  const plugin = virtualModulePlugin('test:module', 'virtual:test/a.b', () => 'export default 1;');

  it('filters each hook down to its own id, as Rolldown applies the filter before calling', () => {
    expect(plugin.resolveId.filter.id.test('virtual:test/a.b')).toBe(true);
    for (const other of ['virtual:test/aXb', 'virtual:test/a.b.ts', 'xvirtual:test/a.b', './a.ts']) expect(plugin.resolveId.filter.id.test(other)).toBe(false);
    expect(plugin.load.filter.id.test('\0virtual:test/a.b')).toBe(true);
    expect(plugin.load.filter.id.test('virtual:test/a.b')).toBe(false);
  });

  it('resolves and loads only its own id where a host ignores the filters', () => {
    expect(plugin.resolveId.handler('virtual:test/a.b')).toBe('\0virtual:test/a.b');
    expect(plugin.resolveId.handler('./a.ts')).toBeUndefined();
    expect(plugin.load.handler('\0virtual:test/a.b')).toBe('export default 1;');
    expect(plugin.load.handler('/a.ts')).toBeUndefined();
  });
});
