import type { CoreServices } from '../app/core-services';
import type { MethodHandlers } from '../api/handler-types';

export function setupHandlers(services: CoreServices): Pick<MethodHandlers, 'setup.status' | 'setup.initialize'> {
  return {
    'setup.status': async () => services.setup.status(),
    'setup.initialize': async (params) => services.setup.initialize(params),
  };
}
