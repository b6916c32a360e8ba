import { sm3Hex } from '../../../shared/crypto';
import type { AttachmentDoc } from '../db/schemas';
import type { SeedContext } from './model';
import type { Prng } from './prng';

/**
 * 附件 metadata of the evidence a request or certificate carries. Only the metadata is generated:
 * the hash stands for a file that the attachments store does not hold (see the seed README gap).
 */
export function attachment(ctx: SeedContext, prng: Prng, at: number, createdBy: string, name: string): AttachmentDoc {
  const id = ctx.ids.next();
  const pdf = name.endsWith('.pdf');
  return {
    id,
    unitId: ctx.org.county.id,
    createdBy,
    createdAt: at,
    updatedAt: at,
    docType: 'attachment',
    sm3: sm3Hex(`seed-attachment|${id}|${name}`),
    name,
    mimeType: pdf ? 'application/pdf' : 'image/jpeg',
    size: pdf ? prng.int(80_000, 3_500_000) : prng.int(300_000, 4_800_000),
  };
}
