import type { UnitDoc } from '../db/schemas';

/**
 * The units a user may see and act on: their own, and for upper offices every unit below it
 * (DOMAIN.md: province-scoped users see every county under their unit).
 */
export function unitsInScope(ownUnitId: string, allUnits: readonly Pick<UnitDoc, 'id' | 'parentId'>[]): string[] {
  const children = new Map<string, string[]>();
  for (const unit of allUnits) {
    if (unit.parentId === null) continue;
    const list = children.get(unit.parentId) ?? [];
    list.push(unit.id);
    children.set(unit.parentId, list);
  }
  const scope: string[] = [];
  const seen = new Set<string>();
  const queue = [ownUnitId];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    scope.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return scope;
}
