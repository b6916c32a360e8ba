import type { CoreServices } from '../app/core-services';
import { requireActor, type MethodHandlers } from '../api/handler-types';
import { DemoService } from './demo-service';

export function setupHandlers(
  services: CoreServices,
): Pick<MethodHandlers, 'setup.status' | 'setup.initialize' | 'setup.createDemo' | 'setup.removeDemo'> {
  const demo = new DemoService(services);
  return {
    'setup.status': async () => {
      const [base, demoStatus] = await Promise.all([services.setup.status(), demo.status()]);
      return {
        ...base,
        // a demo waiting to be deleted at the next start is, for the screens, back at first run
        initialized: base.initialized && !demoStatus.removalPending,
        demoDataPresent: demoStatus.present,
        demoRemovalPending: demoStatus.removalPending,
      };
    },
    'setup.initialize': async (params) => services.setup.initialize(params),
    'setup.createDemo': async (params) => demo.create(params),
    'setup.removeDemo': async (_params, ctx) => demo.requestRemoval(requireActor(ctx)),
  };
}
