import { describe, expect, it } from 'vitest';
import { unitsInScope } from '../../../electron/core/units/unit-scope';

const units = [
  { id: 'prov', parentId: null },
  { id: 'city', parentId: 'prov' },
  { id: 'countyA', parentId: 'city' },
  { id: 'countyB', parentId: 'city' },
  { id: 'other', parentId: null },
];

describe('office scope', () => {
  it('gives a province every unit below it, and a county only itself', () => {
    expect(unitsInScope('prov', units).sort()).toEqual(['city', 'countyA', 'countyB', 'prov']);
    expect(unitsInScope('countyA', units)).toEqual(['countyA']);
    expect(unitsInScope('other', units)).toEqual(['other']);
  });

  it('survives a cycle in damaged data', () => {
    expect(unitsInScope('a', [{ id: 'a', parentId: 'b' }, { id: 'b', parentId: 'a' }]).sort()).toEqual(['a', 'b']);
  });
});
