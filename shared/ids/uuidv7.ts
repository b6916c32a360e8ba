import { v7 } from 'uuid';

/** Time-ordered ids made on the device, so offline devices never collide (DESIGN.md, data rules). */
export function newId(): string {
  return v7();
}
