import type { CoreServices } from '../app/core-services';
import { requireActor, type MethodHandlers } from '../api/handler-types';
import { contractDetail, contractOptions } from './form-options';
import type { PaymentRequestService } from './payment-request-service';

type PaymentHandlers = Pick<
  MethodHandlers,
  | 'payments.templates'
  | 'payments.contractOptions'
  | 'payments.contractDetail'
  | 'payments.check'
  | 'payments.list'
  | 'payments.get'
  | 'payments.saveDraft'
  | 'payments.submit'
  | 'payments.withdraw'
>;

export function paymentHandlers(services: CoreServices, payments: PaymentRequestService): PaymentHandlers {
  const { db } = services;
  return {
    'payments.templates': async () => payments.templates(),
    'payments.contractOptions': async (_params, ctx) => contractOptions(db, requireActor(ctx)),
    'payments.contractDetail': async (params, ctx) => contractDetail(db, params.contractId, requireActor(ctx)),
    'payments.check': async (params, ctx) => payments.check(params, requireActor(ctx)),
    'payments.list': async (params, ctx) => payments.list(params, requireActor(ctx)),
    'payments.get': async (params, ctx) => payments.get(params.id, requireActor(ctx)),
    'payments.saveDraft': async (params, ctx) => payments.saveDraft(params, requireActor(ctx)),
    'payments.submit': async (params, ctx) => payments.submit(params.id, requireActor(ctx)),
    'payments.withdraw': async (params, ctx) => payments.withdraw(params.id, params.reason, requireActor(ctx)),
  };
}
