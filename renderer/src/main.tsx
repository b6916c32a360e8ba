import { createRoot } from 'react-dom/client';
import { connectCore } from './api/connect-core';
import { createI18n } from './i18n/i18n';
import { Root } from './Root';

const i18n = createI18n(window.localStorage);
const link = connectCore({
  connectionLost: () => i18n.t('connection.lost'),
  malformed: () => i18n.t('connection.malformed'),
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(<Root i18n={i18n} link={link} />);
