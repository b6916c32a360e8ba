import type { MethodHandlers } from '../api/handler-types';
import { requireActor } from '../api/handler-types';
import type { CoreServices } from '../app/core-services';
import { certificateView, changeView, ViewLookups } from './contract-views';

type ContractHandlers = Pick<
  MethodHandlers,
  | 'counterparties.list'
  | 'counterparties.create'
  | 'counterparties.update'
  | 'contracts.list'
  | 'contracts.get'
  | 'contracts.formOptions'
  | 'contracts.create'
  | 'contracts.update'
  | 'contracts.sign'
  | 'contracts.close'
  | 'contracts.setMilestoneDate'
  | 'contracts.submitChange'
  | 'contracts.listChanges'
  | 'contracts.history'
  | 'contracts.recordCertificate'
  | 'contracts.confirmCertificate'
  | 'contracts.archiveDocument'
  | 'contracts.verifyDocument'
  | 'contracts.reminders'
>;

/** The contract API over `services.contracts`; every check is in the services. */
export function contractHandlers(services: CoreServices): ContractHandlers {
  const contracts = services.contracts;
  const one = async (doc: Parameters<typeof contracts.views>[0][number]) => {
    const [view] = await contracts.views([doc]);
    if (!view) throw new Error('a contract view was not built');
    return view;
  };
  return {
    'counterparties.list': async (params, ctx) => contracts.counterparties.list(requireActor(ctx), params.search),
    'counterparties.create': async (params, ctx) => contracts.counterparties.create(requireActor(ctx), params),
    'counterparties.update': async ({ counterpartyId, ...input }, ctx) => contracts.counterparties.update(requireActor(ctx), counterpartyId, input),
    'contracts.list': async (params, ctx) => contracts.list(requireActor(ctx), params),
    'contracts.get': async (params, ctx) => contracts.detail(requireActor(ctx), params.contractId),
    'contracts.formOptions': async (_params, ctx) => contracts.formOptions(requireActor(ctx)),
    'contracts.create': async (params, ctx) => one(await contracts.drafts.create(requireActor(ctx), params)),
    'contracts.update': async ({ contractId, ...input }, ctx) => one(await contracts.drafts.update(requireActor(ctx), contractId, input)),
    'contracts.sign': async (params, ctx) => one(await contracts.drafts.sign(requireActor(ctx), params.contractId, params.signedAt)),
    'contracts.close': async (params, ctx) => one(await contracts.drafts.close(requireActor(ctx), params.contractId, params.status, params.reason)),
    'contracts.setMilestoneDate': async (params, ctx) => {
      const actor = requireActor(ctx);
      const m = await contracts.drafts.setMilestoneDate(actor, params.milestoneId, params.date);
      return contracts.detail(actor, m.contractId);
    },
    'contracts.submitChange': async (params, ctx) => changeView(await contracts.changes.submit(requireActor(ctx), params), new ViewLookups(services.db)),
    'contracts.listChanges': async (params, ctx) => {
      const lookups = new ViewLookups(services.db);
      const docs = await contracts.changes.list(requireActor(ctx), params);
      return Promise.all(docs.map((d) => changeView(d, lookups)));
    },
    'contracts.history': async (params, ctx) => (await contracts.detail(requireActor(ctx), params.contractId)).versions,
    'contracts.recordCertificate': async (params, ctx) => certificateView(await contracts.certificates.record(requireActor(ctx), params)),
    'contracts.confirmCertificate': async (params, ctx) => certificateView(await contracts.certificates.confirm(requireActor(ctx), params.certificateId)),
    'contracts.archiveDocument': async (params, ctx) => {
      const actor = requireActor(ctx);
      await contracts.documents.archive(actor, params.contractId, params.attachmentId);
      const detail = await contracts.detail(actor, params.contractId);
      if (!detail.document) throw new Error('the archived document is missing from the contract');
      return detail.document;
    },
    'contracts.verifyDocument': async (params, ctx) => contracts.documents.verify(requireActor(ctx), params.contractId),
    'contracts.reminders': async (_params, ctx) => contracts.reminders(requireActor(ctx)),
  };
}
