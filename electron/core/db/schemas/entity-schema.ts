import type { JsonSchema, RxJsonSchema } from 'rxdb';
import { HEADER_REQUIRED } from './schema-parts';

/**
 * Why entities and collections are two things here: the open-source RxDB lets a process open at
 * most 13 collections (RxError COL23), and DOMAIN.md has more entities than that. So each entity
 * has its own schema (this type, one file per entity) and the domain collections each hold the
 * entities of one capability and lifecycle, told apart by `docType` (RxDB's own advice for this
 * limit). Each entity keeps its exact validation (a branch of the collection schema) and its own
 * indexes (prefixed with `docType`); moving an entity to a collection of its own later is a
 * change of the layout in domain-collections.ts plus a migration, not of this schema.
 */
export interface EntitySchema<Doc extends { docType: string }> {
  docType: Doc['docType'];
  /** 中文 description of the entity, as shown to people (and to tools reading the schema) */
  description: string;
  /** every field, including optional ones */
  properties: { readonly [K in keyof Doc & string]-?: JsonSchema };
  required: readonly (keyof Doc & string)[];
  /** the entity's queries; each is prefixed with `docType` in the collection */
  indexes: readonly (readonly (keyof Doc & string)[])[];
}

/** The discriminator property of an entity: exactly its own docType. */
export function docTypeField<T extends string>(docType: T) {
  return { type: 'string', enum: [docType], maxLength: docType.length } as const;
}

/** Fields RxDB adds to every stored document; each entity branch must allow them. */
const RXDB_FIELDS = ['_deleted', '_rev', '_meta', '_attachments'] as const;

type JsonType = NonNullable<JsonSchema['type']>;

function typesOf(part: JsonSchema): string[] {
  const type: JsonType | undefined = part.type;
  if (type === undefined) return [];
  return typeof type === 'string' ? [type] : [...type];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * One top-level property for a field several entities share with different rules: as loose as
 * the loosest of them (each entity's branch applies its own exact rule). RxDB reads this one to
 * build index keys, so bounds are kept when every entity has them.
 */
function mergeProperty(name: string, parts: readonly JsonSchema[]): JsonSchema {
  const first = parts[0];
  if (!first) throw new Error(`no definition of ${name}`);
  if (parts.every((p) => same(p, first))) return first;
  const types = [...new Set(parts.flatMap(typesOf))];
  const merged: Record<string, unknown> = { type: types.length === 1 ? types[0] : types };
  const all = <K extends keyof JsonSchema>(key: K): JsonSchema[K][] | null => {
    const values = parts.map((p) => p[key]);
    return values.every((v) => v !== undefined) ? values : null;
  };
  const maxLengths = all('maxLength');
  if (maxLengths) merged.maxLength = Math.max(...(maxLengths as number[]));
  const minimums = all('minimum');
  if (minimums) merged.minimum = Math.min(...(minimums as number[]));
  const maximums = all('maximum');
  if (maximums) merged.maximum = Math.max(...(maximums as number[]));
  const multiples = all('multipleOf');
  if (multiples && multiples.every((m) => m === multiples[0])) merged.multipleOf = multiples[0];
  const enums = all('enum');
  if (enums) merged.enum = [...new Set(enums.flatMap((e) => [...(e as readonly unknown[])]))];
  return merged as JsonSchema;
}

/** An entity schema of any document type, as a collection lists its members. */
export interface AnyEntitySchema {
  readonly docType: string;
  readonly description: string;
  readonly properties: Readonly<Record<string, JsonSchema>>;
  readonly required: readonly string[];
  readonly indexes: readonly (readonly string[])[];
}

export interface CollectionSpec {
  /** the collection name */
  title: string;
  description: string;
  version: number;
  members: readonly AnyEntitySchema[];
}

/**
 * The RxJsonSchema of a collection holding `members`: the union of their properties at the top
 * (so RxDB can index them), `additionalProperties: false`, and one `if docType = … then` branch per
 * entity with its exact properties, required fields and nothing else (`propertyNames`).
 */
export function composeCollectionSchema<Doc>(spec: CollectionSpec): RxJsonSchema<Doc> {
  const docTypes = spec.members.map((m) => m.docType);
  if (new Set(docTypes).size !== docTypes.length) throw new Error(`${spec.title}: a docType is listed twice`);
  const byName = new Map<string, JsonSchema[]>();
  for (const member of spec.members) {
    for (const [name, part] of Object.entries(member.properties)) {
      if (name === 'docType') continue;
      byName.set(name, [...(byName.get(name) ?? []), part]);
    }
  }
  const properties: Record<string, JsonSchema> = {
    docType: { type: 'string', enum: docTypes, maxLength: Math.max(...docTypes.map((t) => t.length)) },
  };
  for (const [name, parts] of byName) properties[name] = mergeProperty(name, parts);

  const seen = new Set<string>();
  const indexes: string[][] = [];
  for (const member of spec.members) {
    for (const index of member.indexes) {
      const fields = ['docType', ...index];
      const key = fields.join(',');
      if (!seen.has(key)) {
        seen.add(key);
        indexes.push(fields);
      }
    }
  }

  const schema = {
    title: spec.title,
    description: spec.description,
    version: spec.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    // what every entity has; the rest is required per entity in its branch
    required: [...HEADER_REQUIRED, 'docType'],
    indexes,
    additionalProperties: false,
    allOf: spec.members.map((member) => ({
      if: { properties: { docType: { const: member.docType } } },
      then: {
        properties: member.properties,
        required: [...member.required],
        propertyNames: { enum: [...Object.keys(member.properties), ...RXDB_FIELDS] },
      },
    })),
  };
  // The composition is checked by the schema tests (every entity through RxDB); TypeScript cannot
  // relate the union's keys to the members' at this point.
  return schema as unknown as RxJsonSchema<Doc>;
}
