import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  getWrittenDocumentsFromBulkWriteResponse,
  stripAttachmentsDataFromDocument,
  type RxAttachmentWriteData,
  type RxDocumentData,
  type RxDocumentWriteData,
} from 'rxdb/plugins/core';
import type { RxStorageInstanceBetterSqlite } from '../../../../electron/core/db/sqlite-storage/index';
import { createTempDir, harness, nextLwt, person, personSchema, REV_2, REV_3, type Person } from './helpers';

const tmp = createTempDir();
const h = harness(tmp.dir);
afterAll(() => tmp.cleanup());

function attachment(text: string, type = 'text/plain'): RxAttachmentWriteData {
  const data = new Blob([text], { type });
  return {
    data,
    type,
    length: data.size,
    digest: 'sha256-' + createHash('sha256').update(text).digest('base64'),
  };
}

async function open(): Promise<RxStorageInstanceBetterSqlite<Person>> {
  return h.open({ schema: personSchema({ attachments: true }) });
}

async function writeOne(
  instance: RxStorageInstanceBetterSqlite<Person>,
  document: RxDocumentWriteData<Person>,
  previous?: RxDocumentData<Person>,
): Promise<RxDocumentData<Person>> {
  const rows = [{ document, previous }];
  const res = await instance.bulkWrite(rows, 'test');
  expect(res.error).toEqual([]);
  const [written] = getWrittenDocumentsFromBulkWriteResponse('id', rows, res);
  if (!written) {
    throw new Error('nothing written');
  }
  return written;
}

describe('attachments', () => {
  it('stores attachment bytes separately and returns them as a Blob by digest', async () => {
    const instance = await open();
    const foo = attachment('hello attachment 工程', 'text/plain');
    const written = await writeOne(instance, { ...person({ id: 'a' }), _attachments: { foo } });
    expect(written._attachments.foo).toEqual({ length: foo.length, type: 'text/plain', digest: foo.digest });

    const blob = await instance.getAttachmentData('a', 'foo', foo.digest);
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.type).toBe('text/plain');
    expect(await blob.text()).toBe('hello attachment 工程');

    // Documents never carry the data, in any read path.
    const [byId] = await instance.findDocumentsById(['a'], false);
    expect(byId?._attachments.foo).toEqual({ length: foo.length, type: 'text/plain', digest: foo.digest });
    await expect(instance.getAttachmentData('a', 'foo', 'wrong-digest')).rejects.toThrow(/does not exist/);
    await expect(instance.getAttachmentData('a', 'nope', foo.digest)).rejects.toThrow(/does not exist/);
    await instance.remove();
  });

  it('adds, replaces and removes attachments across updates', async () => {
    const instance = await open();
    const one = attachment('one');
    const v1 = await writeOne(instance, { ...person({ id: 'doc' }), _attachments: { one } });

    const two = attachment('two', 'application/octet-stream');
    const v2 = await writeOne(
      instance,
      { ...v1, _rev: REV_2, _meta: { lwt: nextLwt() }, _attachments: { ...v1._attachments, two } },
      v1,
    );
    expect(Object.keys(v2._attachments).sort()).toEqual(['one', 'two']);
    expect(await (await instance.getAttachmentData('doc', 'two', two.digest)).text()).toBe('two');

    const oneNew = attachment('one, second edition');
    const v3 = await writeOne(
      instance,
      { ...v2, _rev: REV_3, _meta: { lwt: nextLwt() }, _attachments: { one: oneNew } },
      v2,
    );
    expect(Object.keys(v3._attachments)).toEqual(['one']);
    expect(await (await instance.getAttachmentData('doc', 'one', oneNew.digest)).text()).toBe('one, second edition');
    await expect(instance.getAttachmentData('doc', 'one', one.digest)).rejects.toThrow();
    await expect(instance.getAttachmentData('doc', 'two', two.digest)).rejects.toThrow();
    await instance.remove();
  });

  it('drops all attachments when the document is deleted', async () => {
    const instance = await open();
    const foo = attachment('bye');
    const v1 = await writeOne(instance, { ...person({ id: 'd' }), _attachments: { foo } });
    await writeOne(
      instance,
      { ...v1, _deleted: true, _rev: REV_2, _meta: { lwt: nextLwt() }, _attachments: {} },
      stripAttachmentsDataFromDocument(v1),
    );
    await expect(instance.getAttachmentData('d', 'foo', foo.digest)).rejects.toThrow();
    const rows = instance.internals.connection.db
      .prepare(`SELECT COUNT(*) FROM "${instance.internals.attachmentsTableName}"`)
      .pluck()
      .get();
    expect(rows).toBe(0);
    await instance.remove();
  });

  it('rejects an attachment without data on insert (510) and emits events without data', async () => {
    const instance = await open();
    const meta = { length: 3, type: 'text/plain', digest: 'sha256-x' };
    const res = await instance.bulkWrite([{ document: { ...person({ id: 'e' }), _attachments: { m: meta } } }], 't');
    expect(res.error[0]?.status).toBe(510);

    const seen: unknown[] = [];
    const sub = instance.changeStream().subscribe((b) => b.events.forEach((e) => seen.push(e.documentData._attachments)));
    const foo = attachment('abc');
    await writeOne(instance, { ...person({ id: 'f' }), _attachments: { foo } });
    expect(seen).toEqual([{ foo: { length: 3, type: 'text/plain', digest: foo.digest } }]);
    sub.unsubscribe();
    await instance.remove();
  });

  it('keeps call order when writes with attachments (async Blob reads) and without are mixed', async () => {
    const instance = await open();
    const base = person({ id: 'order' });
    const big = attachment('x'.repeat(1_000_000));
    const [first, second] = await Promise.all([
      instance.bulkWrite([{ document: { ...base, name: 'first', _attachments: { big } } }], 'test'),
      instance.bulkWrite([{ document: { ...base, name: 'second' } }], 'test'),
    ]);
    expect(first.error).toEqual([]);
    expect(second.error[0]?.status).toBe(409);
    expect((await instance.findDocumentsById(['order'], false))[0]?.name).toBe('first');
    await instance.remove();
  });

  it('loads many attachments of several collections in parallel', async () => {
    const databaseName = 'attpar';
    const instances = await Promise.all(
      [0, 1, 2].map((i) =>
        h.open({ databaseName, collectionName: 'c' + String(i), schema: personSchema({ attachments: true }) }),
      ),
    );
    const wanted: { instance: RxStorageInstanceBetterSqlite<Person>; id: string; att: string; text: string; digest: string }[] = [];
    for (const instance of instances) {
      for (let d = 0; d < 3; d++) {
        const attachments: Record<string, RxAttachmentWriteData> = {};
        for (let a = 0; a < 3; a++) {
          const text = `${instance.collectionName}-${d}-${a}-` + 'z'.repeat(200);
          const att = attachment(text);
          attachments['a' + String(a)] = att;
          wanted.push({ instance, id: 'd' + String(d), att: 'a' + String(a), text, digest: att.digest });
        }
        await writeOne(instance, { ...person({ id: 'd' + String(d) }), _attachments: attachments });
      }
    }
    const texts = await Promise.all(wanted.map(async (w) => (await w.instance.getAttachmentData(w.id, w.att, w.digest)).text()));
    expect(texts).toEqual(wanted.map((w) => w.text));
    await Promise.all(instances.map((i) => i.remove()));
  });
});
