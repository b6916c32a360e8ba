import { bytesToBase64, base64ToBytes } from './base64';
import type { CoreServices } from '../app/core-services';
import { requireActor, type MethodHandlers } from '../api/handler-types';
import { attachmentView } from '../payments/request-views';
import { UPLOAD_CHUNK_BYTES } from './attachment-uploads';

type AttachmentHandlers = Pick<
  MethodHandlers,
  | 'attachments.beginUpload'
  | 'attachments.uploadChunk'
  | 'attachments.finishUpload'
  | 'attachments.cancelUpload'
  | 'attachments.get'
  | 'attachments.readChunk'
>;

export function attachmentHandlers(services: CoreServices): AttachmentHandlers {
  const { attachments, attachmentUploads: uploads } = services;
  return {
    'attachments.beginUpload': async (params, ctx) => {
      const actor = requireActor(ctx);
      return uploads.begin({ ...params, unitId: params.unitId ?? actor.unit.id }, actor);
    },
    'attachments.uploadChunk': async (params, ctx) => uploads.chunk(params.uploadId, params.offset, base64ToBytes(params.data), requireActor(ctx)),
    'attachments.finishUpload': async (params, ctx) => attachmentView(await uploads.finish(params.uploadId, params.sm3, requireActor(ctx)), attachments),
    'attachments.cancelUpload': async (params, ctx) => {
      uploads.cancel(params.uploadId, requireActor(ctx));
      return {};
    },
    'attachments.get': async (params, ctx) => attachmentView(await attachments.get(params.id, requireActor(ctx)), attachments),
    'attachments.readChunk': async (params, ctx) => {
      const { doc, bytes } = await attachments.readChunk(params.id, params.offset, UPLOAD_CHUNK_BYTES, requireActor(ctx));
      return { data: bytesToBase64(bytes), offset: params.offset, size: doc.size, done: params.offset + bytes.length >= doc.size };
    },
  };
}
